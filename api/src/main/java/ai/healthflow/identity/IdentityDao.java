package ai.healthflow.identity;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users, memberships and roles. Tenant visibility comes from the transaction's scope (see {@code Db}). */
@RegisterConstructorMapper(UserRow.class)
@RegisterConstructorMapper(MembershipRow.class)
@RegisterConstructorMapper(CallerRow.class)
@RegisterConstructorMapper(RoleView.class)
public interface IdentityDao {
    String USER_COLUMNS = "u.id, u.email, u.display_name, u.password_hash, u.status, u.failed_logins, "
            + "u.locked_until, u.last_login_at, u.created_at, u.license_number, u.specialty";

    @SqlQuery("SELECT " + USER_COLUMNS + " FROM users u WHERE lower(u.email) = lower(:email)")
    Optional<UserRow> findUserByEmail(@Bind("email") String email);

    /** The user, only if at least one of their memberships is visible in this transaction's scope. */
    @SqlQuery("SELECT " + USER_COLUMNS + """
             FROM users u
            WHERE u.id = :id AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
            """)
    Optional<UserRow> findVisibleUser(@Bind("id") UUID id);

    /**
     * The active user's membership in an active tenant, with the role's permissions; empty when the user is
     * disabled, not a member, the tenant is suspended or the token was revoked. One round trip, no tenant scope
     * needed (the {@code hf_authenticate} function sees past row-level security for exactly this).
     */
    @SqlQuery("SELECT * FROM hf_authenticate(:userId, :tenantId, :tokenId)")
    Optional<CallerRow> caller(@Bind("userId") UUID userId, @Bind("tenantId") UUID tenantId,
                               @Bind("tokenId") UUID tokenId);

    /** The user's memberships visible in scope, highest role first (lowest level number). */
    @SqlQuery("""
            SELECT m.user_id, m.tenant_id, t.name_en AS tenant_name, t.type AS tenant_type, t.status AS tenant_status,
                   m.role, r.level AS role_level, r.permissions
              FROM memberships m
              JOIN tenants t ON t.id = m.tenant_id
              JOIN roles r ON r.name = m.role
             WHERE m.user_id IN (<userIds>)
             ORDER BY r.level, t.name_en
            """)
    List<MembershipRow> memberships(@BindList("userIds") Collection<UUID> userIds);

    @SqlQuery("""
            INSERT INTO users (id, email, display_name, password_hash)
            VALUES (:id, :email, :displayName, :passwordHash)
            ON CONFLICT ((lower(email))) DO NOTHING
            RETURNING id
            """)
    Optional<UUID> insertUser(@Bind("id") UUID id, @Bind("email") String email,
                              @Bind("displayName") String displayName, @Bind("passwordHash") String passwordHash);

    @SqlUpdate("""
            INSERT INTO memberships (user_id, tenant_id, role) VALUES (:userId, :tenantId, :role)
            ON CONFLICT (user_id, tenant_id) DO NOTHING
            """)
    void insertMembership(@Bind("userId") UUID userId, @Bind("tenantId") UUID tenantId, @Bind("role") String role);

    @SqlUpdate("UPDATE memberships SET role = :role WHERE user_id = :userId AND tenant_id = :tenantId")
    int updateMembershipRole(@Bind("userId") UUID userId, @Bind("tenantId") UUID tenantId, @Bind("role") String role);

    @SqlUpdate("UPDATE users SET display_name = :name, status = :status, updated_at = :now WHERE id = :id")
    void updateUser(@Bind("id") UUID id, @Bind("name") String displayName, @Bind("status") String status,
                    @Bind("now") Instant now);

    /** Provider details: "" clears a value, null leaves it. */
    @SqlUpdate("""
            UPDATE users SET license_number = CASE WHEN :license IS NULL THEN license_number ELSE nullif(:license, '') END,
                             specialty = CASE WHEN :specialty IS NULL THEN specialty ELSE nullif(:specialty, '') END,
                             updated_at = :now
             WHERE id = :id
            """)
    void updateProvider(@Bind("id") UUID id, @Bind("license") String licenseNumber, @Bind("specialty") String specialty,
                        @Bind("now") Instant now);

    @SqlQuery("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = :id RETURNING failed_logins")
    int countFailedLogin(@Bind("id") UUID id);

    @SqlUpdate("UPDATE users SET locked_until = :until WHERE id = :id")
    void lockUntil(@Bind("id") UUID id, @Bind("until") Instant until);

    @SqlUpdate("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = :now WHERE id = :id")
    void recordLogin(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id")
    void unlock(@Bind("id") UUID id);

    @SqlQuery("SELECT name, level, description, permissions FROM roles ORDER BY level, name")
    List<RoleView> roles();

    @SqlQuery("SELECT name, level, description, permissions FROM roles WHERE name = :name")
    Optional<RoleView> role(@Bind("name") String name);
}
