package ai.healthflow.identity;

import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import io.dropwizard.auth.Authenticator;

import java.util.HashSet;
import java.util.Optional;

/**
 * Bearer token → {@link Caller}. The token only names the user, the tenant and itself; whether the user is active,
 * still a member, the tenant active and the token not revoked by logout is read from the database on every
 * request (one round trip, {@code hf_authenticate}), so each of these takes effect at once.
 */
public final class TokenAuthenticator implements Authenticator<String, Caller> {
    private final AccessTokens tokens;
    private final Db db;

    public TokenAuthenticator(AccessTokens tokens, Db db) {
        this.tokens = tokens;
        this.db = db;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return tokens.verify(token).flatMap(claims -> db.unscoped(handle ->
                handle.attach(IdentityDao.class).caller(claims.userId(), claims.tenantId(), claims.tokenId())
                        .map(row -> new Caller(row.userId(), row.email(), row.displayName(), row.tenantId(),
                                row.tenantName(), row.role(), row.roleLevel(), new HashSet<>(row.permissions()),
                                claims.tokenId(), claims.expiresAt()))));
    }
}
