package ai.healthflow.invitation;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Invitations; tenant-owned, so row-level security applies. */
@RegisterConstructorMapper(InvitationView.class)
public interface InvitationDao {
    String SELECT = """
            SELECT i.id, i.tenant_id, t.name_en AS tenant_name, i.email, i.role, i.invited_by, i.created_at,
                   i.expires_at, i.accepted_at,
                   CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted'
                        WHEN i.expires_at <= :now THEN 'expired' ELSE 'pending' END AS status
              FROM invitations i JOIN tenants t ON t.id = i.tenant_id
            """;

    @SqlUpdate("""
            INSERT INTO invitations (id, tenant_id, email, role, token_hash, invited_by, created_at, expires_at)
            VALUES (:id, :tenantId, :email, :role, :tokenHash, :invitedBy, :now, :expiresAt)
            """)
    void insert(@Bind("id") UUID id, @Bind("tenantId") UUID tenantId, @Bind("email") String email,
                @Bind("role") String role, @Bind("tokenHash") String tokenHash, @Bind("invitedBy") UUID invitedBy,
                @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery(SELECT + " WHERE i.id = :id")
    Optional<InvitationView> find(@Bind("id") UUID id, @Bind("now") Instant now);

    /** Locks the invitation: two acceptances of one token are decided one after the other. */
    @SqlQuery(SELECT + " WHERE i.token_hash = :tokenHash FOR UPDATE OF i")
    Optional<InvitationView> findByTokenForUpdate(@Bind("tokenHash") String tokenHash, @Bind("now") Instant now);

    @SqlQuery(SELECT + " ORDER BY i.created_at DESC, i.id LIMIT :limit OFFSET :offset")
    List<InvitationView> list(@Bind("now") Instant now, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM invitations")
    long count();

    @SqlUpdate("UPDATE invitations SET accepted_at = :now, accepted_by = :userId WHERE id = :id")
    void markAccepted(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("now") Instant now);
}
