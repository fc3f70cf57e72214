package ai.healthflow.identity;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens (hashed) and revoked access tokens. */
@RegisterConstructorMapper(RefreshTokenDao.RefreshTokenRow.class)
public interface RefreshTokenDao {

    record RefreshTokenRow(UUID id, UUID familyId, UUID userId, UUID tenantId, Instant expiresAt, Instant usedAt,
                           Instant revokedAt) {
    }

    @SqlUpdate("""
            INSERT INTO refresh_tokens (id, family_id, user_id, tenant_id, token_hash, created_at, expires_at)
            VALUES (:id, :familyId, :userId, :tenantId, :tokenHash, :now, :expiresAt)
            """)
    void insert(@Bind("id") UUID id, @Bind("familyId") UUID familyId, @Bind("userId") UUID userId,
                @Bind("tenantId") UUID tenantId, @Bind("tokenHash") String tokenHash, @Bind("now") Instant now,
                @Bind("expiresAt") Instant expiresAt);

    /** Locks the row: two refreshes with one token are decided one after the other. */
    @SqlQuery("""
            SELECT id, family_id, user_id, tenant_id, expires_at, used_at, revoked_at
              FROM refresh_tokens WHERE token_hash = :tokenHash FOR UPDATE
            """)
    Optional<RefreshTokenRow> findForUpdate(@Bind("tokenHash") String tokenHash);

    @SqlUpdate("UPDATE refresh_tokens SET used_at = :now WHERE id = :id")
    void markUsed(@Bind("id") UUID id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL")
    int revokeFamily(@Bind("familyId") UUID familyId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAllOfUser(@Bind("userId") UUID userId, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO revoked_access_tokens (token_id, expires_at) VALUES (:tokenId, :expiresAt)
            ON CONFLICT (token_id) DO NOTHING
            """)
    void revokeAccessToken(@Bind("tokenId") UUID tokenId, @Bind("expiresAt") Instant expiresAt);
}
