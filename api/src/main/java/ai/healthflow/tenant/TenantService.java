package ai.healthflow.tenant;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.SqlErrors;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.JdbiException;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Creating, changing and reading tenants; every change audited. */
public final class TenantService {
    private static final Map<String, String> SORTABLE = Map.of(
            "nameEn", "lower(name_en)", "type", "type", "createdAt", "created_at", "status", "status");

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public TenantService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<TenantView> list(Caller caller, String type, String status, String q, PageRequest page) {
        String orderBy = page.orderBy(SORTABLE, "id");
        return db.scoped(caller.tenantId(), caller.can("tenants:read"), handle -> {
            TenantDao tenants = Db.dao(handle, TenantDao.class);
            return new Page<>(tenants.list(type, status, q, orderBy, page.size(), page.offset()), page,
                    tenants.count(type, status, q));
        });
    }

    /** @throws TenantNotFound also for another tenant the caller may not read */
    public TenantView get(Caller caller, UUID id) {
        return db.scoped(caller.tenantId(), caller.can("tenants:read"),
                handle -> Db.dao(handle, TenantDao.class).find(id)).orElseThrow(() -> new TenantNotFound(id));
    }

    public TenantView create(Actor actor, CreateTenantRequest request) {
        checkGovernorate(request.governorate());
        UUID id = UUID.randomUUID();
        return db.acrossTenants(handle -> {
            TenantDao tenants = Db.dao(handle, TenantDao.class);
            if (tenants.insertIfAbsent(id, request.type(), request.nameEn().strip(), request.nameAr().strip(),
                    request.governorate()) == 0) {
                throw new DuplicateTenantName(request.nameEn());
            }
            TenantView created = tenants.find(id).orElseThrow();
            audit.record(handle, actor, AuditEvent.of("tenant.created", "tenant", id, id)
                    .withChanges(Changes.created(fields(created))));
            return created;
        });
    }

    public TenantView update(Actor actor, UUID id, UpdateTenantRequest request) {
        checkGovernorate(request.governorate());
        if ("suspended".equals(request.status()) && PlatformTenant.ID.equals(id)) {
            throw new PlatformTenantProtected();
        }
        try {
            return db.acrossTenants(handle -> {
                TenantDao tenants = Db.dao(handle, TenantDao.class);
                TenantView before = tenants.find(id).orElseThrow(() -> new TenantNotFound(id));
                tenants.update(id, request.nameEn() != null ? request.nameEn().strip() : before.nameEn(),
                        request.nameAr() != null ? request.nameAr().strip() : before.nameAr(),
                        request.governorate() != null ? request.governorate() : before.governorate(),
                        Objects.requireNonNullElse(request.status(), before.status()), clock.instant());
                TenantView after = tenants.find(id).orElseThrow();
                Map<String, Object> changes = Changes.between(fields(before), fields(after));
                if (!changes.isEmpty()) {
                    audit.record(handle, actor, AuditEvent.of("tenant.updated", "tenant", id, id).withChanges(changes));
                }
                return after;
            });
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new DuplicateTenantName(request.nameEn());
            }
            throw e;
        }
    }

    private static void checkGovernorate(String governorate) {
        if (!Governorates.isValid(governorate)) {
            throw new ValidationFailed("governorate", "must be one of " + Governorates.ALL);
        }
    }

    private static Map<String, Object> fields(TenantView tenant) {
        var fields = new HashMap<String, Object>();
        fields.put("type", tenant.type());
        fields.put("nameEn", tenant.nameEn());
        fields.put("nameAr", tenant.nameAr());
        fields.put("governorate", tenant.governorate());
        fields.put("status", tenant.status());
        return fields;
    }
}
