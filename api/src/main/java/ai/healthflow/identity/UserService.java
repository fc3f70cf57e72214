package ai.healthflow.identity;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * User administration. A tenant admin ({@code tenant:users:*}) works inside their tenant; the super admin
 * ({@code users:*}) across all. Nobody grants a role ranked above their own or manages someone ranked above them.
 */
public final class UserService {
    private static final Map<String, String> SORTABLE = Map.of(
            "email", "lower(u.email)", "name", "lower(u.display_name)", "createdAt", "u.created_at",
            "lastLoginAt", "u.last_login_at");
    private static final String FILTER = """
             WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id
                                       AND (CAST(:role AS text) IS NULL OR m.role = :role))
               AND (CAST(:status AS text) IS NULL OR u.status = :status)
               AND (CAST(:q AS text) IS NULL OR u.email ILIKE '%' || :q || '%' OR u.display_name ILIKE '%' || :q || '%')
            """;

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public UserService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<UserView> list(Caller caller, String q, String status, String role, PageRequest page) {
        String orderBy = page.orderBy(SORTABLE, "u.id");
        return db.scoped(caller.tenantId(), caller.can("users:read"), handle -> {
            long total = handle.createQuery("SELECT count(*) FROM users u" + FILTER)
                    .bind("q", q).bind("status", status).bind("role", role).mapTo(Long.class).one();
            List<UserRow> users = handle.createQuery("SELECT " + IdentityDao.USER_COLUMNS + " FROM users u" + FILTER
                            + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bind("q", q).bind("status", status).bind("role", role)
                    .bind("limit", page.size()).bind("offset", page.offset())
                    .registerRowMapper(ConstructorMapper.factory(UserRow.class))
                    .mapTo(UserRow.class).list();
            List<MembershipRow> memberships = users.isEmpty() ? List.of()
                    : Db.dao(handle, IdentityDao.class).memberships(users.stream().map(UserRow::id).toList());
            return new Page<>(users.stream().map(u -> UserView.of(u, memberships)).toList(), page, total);
        });
    }

    public List<RoleView> roles() {
        return db.acrossTenants(handle -> Db.dao(handle, IdentityDao.class).roles());
    }

    public UserView get(Caller caller, UUID id) {
        return db.scoped(caller.tenantId(), caller.can("users:read"), handle -> view(handle, id));
    }

    /**
     * @param tenantId the membership whose role changes; needed only by a cross-tenant caller for a user with
     *                 several memberships
     */
    public UserView update(Actor actor, UUID id, UpdateUserRequest request, UUID tenantId) {
        Caller caller = actor.caller();
        boolean global = caller.can("users:write");
        if (id.equals(caller.userId()) && (request.role() != null || request.status() != null)) {
            throw new OwnAccountChange();
        }
        return db.scoped(caller.tenantId(), global, handle -> {
            IdentityDao users = Db.dao(handle, IdentityDao.class);
            UserView before = view(handle, id);
            UserRow row = users.findVisibleUser(id).orElseThrow();
            int highest = before.memberships().stream().mapToInt(m -> level(users, m.role())).min().orElse(Integer.MAX_VALUE);
            if (highest < caller.roleLevel()) {
                throw new RoleNotGrantable("You cannot manage a user whose role ranks above yours.");
            }
            if (request.role() != null) {
                changeRole(users, caller, id, before, request.role(), global ? tenantId : caller.tenantId());
            }
            if (request.name() != null || request.status() != null) {
                users.updateUser(id, Objects.requireNonNullElse(request.name(), row.displayName()),
                        Objects.requireNonNullElse(request.status(), row.status()), clock.instant());
            }
            if (request.licenseNumber() != null || request.specialty() != null) {
                users.updateProvider(id, request.licenseNumber(), request.specialty(), clock.instant());
            }
            if (Boolean.TRUE.equals(request.unlock())) {
                users.unlock(id);
            }
            if ("disabled".equals(request.status())) {
                Db.dao(handle, RefreshTokenDao.class).revokeAllOfUser(id, clock.instant());
            }
            UserView after = view(handle, id);
            Map<String, Object> changes = Changes.between(fields(before), fields(after));
            if (!changes.isEmpty()) {
                audit.record(handle, actor, AuditEvent.of("user.updated", "user", id, caller.tenantId())
                        .withChanges(changes));
            }
            return after;
        });
    }

    private void changeRole(IdentityDao users, Caller caller, UUID userId, UserView user, String roleName,
                            UUID tenantId) {
        RoleView role = users.role(roleName).orElseThrow(() -> new ValidationFailed("role", "unknown role"));
        if (role.level() < caller.roleLevel()) {
            throw new RoleNotGrantable("You cannot grant the role '" + roleName + "', which ranks above yours.");
        }
        UUID target = tenantId;
        if (target == null) {
            if (user.memberships().size() != 1) {
                throw new ValidationFailed("tenantId", "the user belongs to several tenants: say which one");
            }
            target = user.memberships().getFirst().tenantId();
        }
        if (users.updateMembershipRole(userId, target, roleName) == 0) {
            throw new ValidationFailed("tenantId", "the user is not a member of that tenant");
        }
    }

    private static int level(IdentityDao users, String role) {
        return users.role(role).map(RoleView::level).orElse(Integer.MAX_VALUE);
    }

    private static UserView view(Handle handle, UUID id) {
        IdentityDao users = Db.dao(handle, IdentityDao.class);
        UserRow user = users.findVisibleUser(id).orElseThrow(() -> new UserNotFound(id));
        return UserView.of(user, users.memberships(List.of(id)));
    }

    private Map<String, Object> fields(UserView user) {
        var fields = new HashMap<String, Object>();
        fields.put("name", user.name());
        fields.put("status", user.status());
        fields.put("licenseNumber", user.licenseNumber());
        fields.put("specialty", user.specialty());
        fields.put("locked", user.lockedUntil() != null && user.lockedUntil().isAfter(Instant.now(clock)));
        for (UserView.Membership m : user.memberships()) {
            fields.put("role@" + m.tenantName(), m.role());
        }
        return fields;
    }
}
