package ai.healthflow.pharmacy;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
import ai.healthflow.pharmacy.PharmacyDirectoryFile.Contents;
import ai.healthflow.pharmacy.PharmacyDirectoryFile.Entry;
import ai.healthflow.pharmacy.PharmacyDirectoryFile.Problem;
import ai.healthflow.pharmacy.PharmacyService.Imported;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.tenant.TenantDao;
import ai.healthflow.tenant.TenantView;
import org.jdbi.v3.core.Handle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads a pharmacy directory file ({@link PharmacyDirectoryFile}) into tenants and profiles, keyed by the English
 * name: a new name becomes a pharmacy tenant with its profile; an existing pharmacy's Arabic name, type and profile
 * are brought to the file's; an identical one is left as it is. Stock, staff and ratings set later are never touched
 * (a rating is written only when the file gives one). One transaction: a row that cannot be applied (its name is a
 * hospital's) leaves nothing of the file. Audited per tenant and profile, and once for the file
 * ({@code pharmacy.directory_imported}) when anything changed.
 */
public final class PharmacyDirectoryImport {
    private final Db db;
    private final PharmacyService pharmacies;
    private final AuditLog audit;

    public PharmacyDirectoryImport(Db db, PharmacyService pharmacies, AuditLog audit) {
        this.db = db;
        this.pharmacies = pharmacies;
        this.audit = audit;
    }

    /** How many pharmacies of the file were created, changed, or already as the file says. */
    public record Counts(int created, int updated, int unchanged) {
    }

    /**
     * @throws PharmacyFileInvalid naming the line whose English name belongs to a tenant that is not a pharmacy
     */
    public Counts load(Path file, Contents contents, Actor actor) {
        return db.acrossTenants(handle -> {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (Entry entry : contents.entries()) {
                boolean tenantCreated = false;
                boolean tenantChanged = false;
                TenantDao tenants = Db.dao(handle, TenantDao.class);
                UUID id = tenants.findIdByName(entry.nameEn()).orElse(null);
                if (id == null) {
                    id = UUID.randomUUID();
                    tenants.insertIfAbsent(id, entry.type(), entry.nameEn(), entry.nameAr(),
                            entry.profile().governorate());
                    audit.record(handle, actor, AuditEvent.of("tenant.created", "tenant", id, id)
                            .withChanges(Map.of("nameEn", entry.nameEn(), "type", entry.type(), "source", "directory")));
                    tenantCreated = true;
                } else {
                    TenantView tenant = tenants.find(id).orElseThrow();
                    if (!PharmacyService.TYPES.contains(tenant.type())) {
                        throw new PharmacyFileInvalid(file, List.of(new Problem(entry.line(), "name_en", "'"
                                + entry.nameEn() + "' is the name of a " + tenant.type() + ", not of a pharmacy")));
                    }
                    tenantChanged = alignTenant(handle, actor, tenant, entry);
                }
                Imported profile = pharmacies.importProfile(handle, actor, id, entry.profile());
                if (tenantCreated || profile == Imported.CREATED) {
                    created++;
                } else if (tenantChanged || profile == Imported.UPDATED) {
                    updated++;
                } else {
                    unchanged++;
                }
            }
            if (created + updated > 0) {
                var summary = new LinkedHashMap<String, Object>();
                summary.put("file", file.getFileName().toString());
                summary.put("sha256", contents.sha256());
                summary.put("created", created);
                summary.put("updated", updated);
                summary.put("unchanged", unchanged);
                audit.record(handle, actor, AuditEvent.of("pharmacy.directory_imported", "pharmacy", null, null)
                        .withChanges(summary));
            }
            return new Counts(created, updated, unchanged);
        });
    }

    /** The Arabic name and type of an existing pharmacy tenant, as the file gives them. */
    private boolean alignTenant(Handle handle, Actor actor, TenantView tenant, Entry entry) {
        Map<String, Object> changes = Changes.between(Map.of("nameAr", tenant.nameAr(), "type", tenant.type()),
                Map.of("nameAr", entry.nameAr(), "type", entry.type()));
        if (changes.isEmpty()) {
            return false;
        }
        handle.createUpdate("UPDATE tenants SET name_ar = :nameAr, type = :type, updated_at = now() WHERE id = :id")
                .bind("nameAr", entry.nameAr()).bind("type", entry.type()).bind("id", tenant.id())
                .execute();
        audit.record(handle, actor, AuditEvent.of("tenant.updated", "tenant", tenant.id(), tenant.id())
                .withChanges(changes));
        return true;
    }
}
