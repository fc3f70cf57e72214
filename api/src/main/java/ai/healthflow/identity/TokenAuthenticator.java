package ai.healthflow.identity;

import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.platform.auth.Caller;
import io.dropwizard.auth.Authenticator;
import org.jdbi.v3.core.Jdbi;

import java.util.HashSet;
import java.util.Optional;

/**
 * Bearer token → {@link Caller}. The token only names the user and tenant; status, membership and permissions are
 * read from the database on every request, so disabling a user or changing a role is effective immediately.
 */
public final class TokenAuthenticator implements Authenticator<String, Caller> {
    private final AccessTokens tokens;
    private final Jdbi jdbi;

    public TokenAuthenticator(AccessTokens tokens, Jdbi jdbi) {
        this.tokens = tokens;
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return tokens.verify(token).flatMap(claims -> jdbi.withExtension(IdentityDao.class, dao -> {
            Optional<UserRow> user = dao.findUser(claims.userId()).filter(UserRow::active);
            if (user.isEmpty()) {
                return Optional.<Caller>empty();
            }
            return dao.memberships(claims.userId()).stream()
                    .filter(m -> m.tenantId().equals(claims.tenantId()) && m.tenantActive())
                    .findFirst()
                    .map(m -> callerOf(user.get(), m));
        }));
    }

    static Caller callerOf(UserRow user, MembershipRow membership) {
        return new Caller(user.id(), user.email(), user.displayName(), membership.tenantId(),
                membership.tenantName(), membership.role(), new HashSet<>(membership.permissions()));
    }
}
