package ai.healthflow.identity;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users, tenants, memberships and roles. */
@RegisterConstructorMapper(UserRow.class)
@RegisterConstructorMapper(MembershipRow.class)
public interface IdentityDao {

    @SqlQuery("""
            SELECT id, email, display_name, password_hash, status
              FROM users
             WHERE lower(email) = lower(:email)
            """)
    Optional<UserRow> findUserByEmail(@Bind("email") String email);

    @SqlQuery("SELECT id, email, display_name, password_hash, status FROM users WHERE id = :id")
    Optional<UserRow> findUser(@Bind("id") UUID id);

    /** The user's memberships, highest role first (lowest level number). */
    @SqlQuery("""
            SELECT m.tenant_id, t.name_en AS tenant_name, t.type AS tenant_type, t.status AS tenant_status,
                   m.role, r.level AS role_level, r.permissions
              FROM memberships m
              JOIN tenants t ON t.id = m.tenant_id
              JOIN roles r ON r.name = m.role
             WHERE m.user_id = :userId
             ORDER BY r.level, t.name_en
            """)
    List<MembershipRow> memberships(@Bind("userId") UUID userId);

    @SqlUpdate("""
            INSERT INTO users (id, email, display_name, password_hash)
            VALUES (:id, :email, :displayName, :passwordHash)
            """)
    void insertUser(@Bind("id") UUID id, @Bind("email") String email, @Bind("displayName") String displayName,
                    @Bind("passwordHash") String passwordHash);

    @SqlQuery("SELECT id FROM tenants WHERE lower(name_en) = lower(:nameEn)")
    Optional<UUID> findTenantIdByName(@Bind("nameEn") String nameEn);

    @SqlUpdate("""
            INSERT INTO tenants (id, type, name_en, name_ar, governorate)
            VALUES (:id, :type, :nameEn, :nameAr, :governorate)
            """)
    void insertTenant(@Bind("id") UUID id, @Bind("type") String type, @Bind("nameEn") String nameEn,
                      @Bind("nameAr") String nameAr, @Bind("governorate") String governorate);

    @SqlUpdate("""
            INSERT INTO memberships (user_id, tenant_id, role) VALUES (:userId, :tenantId, :role)
            ON CONFLICT (user_id, tenant_id) DO NOTHING
            """)
    void insertMembership(@Bind("userId") UUID userId, @Bind("tenantId") UUID tenantId, @Bind("role") String role);
}
