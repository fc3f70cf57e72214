package ai.healthflow.identity;

import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.platform.auth.Caller;
import org.jdbi.v3.core.Jdbi;

import java.util.Comparator;
import java.util.Optional;

/** Checks a password and issues an access token for the user's highest-ranked active membership. */
public final class LoginService {
    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;

    public LoginService(Jdbi jdbi, PasswordHasher hasher, AccessTokens tokens) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    /** @throws InvalidCredentials for an unknown email, a wrong password, a disabled user or no active tenant */
    public LoginResult login(LoginRequest request) {
        IdentityDao dao = jdbi.onDemand(IdentityDao.class);
        Optional<UserRow> user = dao.findUserByEmail(request.email().strip());
        boolean passwordMatches = user.isPresent()
                ? hasher.verify(request.password(), user.get().passwordHash())
                : hasher.verifyAgainstNothing(request.password());
        if (!passwordMatches || !user.get().active()) {
            throw new InvalidCredentials();
        }
        MembershipRow membership = dao.memberships(user.get().id()).stream()
                .filter(MembershipRow::tenantActive)
                .min(Comparator.comparingInt(MembershipRow::roleLevel))
                .orElseThrow(InvalidCredentials::new);
        Caller caller = TokenAuthenticator.callerOf(user.get(), membership);
        String token = tokens.issue(caller.userId(), caller.tenantId());
        return new LoginResult(token, "Bearer", tokens.ttl().toSeconds(), CallerView.of(caller));
    }
}
