package ai.healthflow.identity;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.BearerTokenFilter;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import io.dropwizard.auth.Authenticator;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer token → {@link Caller}. The token only names the user, the tenant and itself; whether the user is active,
 * still a member, the tenant active and the token not revoked by logout is read from the database on every
 * request (one round trip, {@code hf_authenticate}), so each of these takes effect at once. A token refused for
 * anything but its age (forged, altered, another key or algorithm) is a security event and is audited; the rate
 * limit in front bounds how many such records one client can cause.
 */
public final class TokenAuthenticator implements Authenticator<BearerTokenFilter.Credentials, Caller> {
    private final AccessTokens tokens;
    private final Db db;
    private final AuditLog audit;

    public TokenAuthenticator(AccessTokens tokens, Db db, AuditLog audit) {
        this.tokens = tokens;
        this.db = db;
        this.audit = audit;
    }

    @Override
    public Optional<Caller> authenticate(BearerTokenFilter.Credentials credentials) {
        AccessTokens.Check check = tokens.check(credentials.token());
        if (check.claims().isEmpty()) {
            if ("invalid".equals(check.rejection())) {
                db.acrossTenants(handle -> audit.record(handle, new Actor(null, credentials.request()),
                        AuditEvent.of("auth.token_rejected", "token", null, null)
                                .withChanges(Map.of("reason", check.rejection()))));
            }
            return Optional.empty();
        }
        AccessTokens.Claims claims = check.claims().get();
        return db.unscoped(handle ->
                Db.dao(handle, IdentityDao.class).caller(claims.userId(), claims.tenantId(), claims.tokenId())
                        .map(row -> new Caller(row.userId(), row.email(), row.displayName(), row.tenantId(),
                                row.tenantName(), row.role(), row.roleLevel(), new HashSet<>(row.permissions()),
                                claims.tokenId(), claims.expiresAt())));
    }
}
