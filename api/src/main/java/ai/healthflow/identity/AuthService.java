package ai.healthflow.identity;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in, token refresh and sign-out. Every outcome that matters to security (success, failure, lockout, reuse
 * of a refresh token, logout) is audited; failures are committed before the 401 is thrown.
 */
public final class AuthService {
    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofHours(24);

    private final Db db;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration refreshTtl;
    private final int failuresBeforeLock;

    public AuthService(Db db, PasswordHasher hasher, AccessTokens accessTokens, LoginThrottle throttle,
                       AuditLog audit, Clock clock, Duration refreshTtl, int failuresBeforeLock) {
        this.db = db;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.refreshTtl = refreshTtl;
        this.failuresBeforeLock = failuresBeforeLock;
    }

    /**
     * @throws TooManyLoginAttempts over the per-address or per-email rate
     * @throws InvalidCredentials   unknown email, wrong password, locked or disabled account, no active tenant:
     *                              one answer for all, in about the same time
     */
    public LoginResult login(LoginRequest request, Actor actor) {
        String email = request.email().strip();
        throttle.check(actor.request().ip(), email);
        Optional<LoginResult> result = db.acrossTenants(handle -> attemptLogin(handle, email, request.password(), actor));
        return result.orElseThrow(InvalidCredentials::new);
    }

    private Optional<LoginResult> attemptLogin(Handle handle, String email, String password, Actor actor) {
        IdentityDao users = Db.dao(handle, IdentityDao.class);
        Instant now = clock.instant();
        Optional<UserRow> found = users.findUserByEmail(email);
        if (found.isEmpty()) {
            hasher.verifyAgainstNothing(password);
            failed(handle, actor, null, email, "unknown_email");
            return Optional.empty();
        }
        UserRow user = found.get();
        if (user.lockedAt(now)) {
            hasher.verifyAgainstNothing(password); // same cost: the lock is not revealed by timing
            failed(handle, actor, user, email, "locked");
            return Optional.empty();
        }
        if (!hasher.verify(password, user.passwordHash())) {
            int failures = users.countFailedLogin(user.id());
            failed(handle, actor, user, email, "wrong_password");
            if (failures >= failuresBeforeLock) {
                Instant until = now.plus(lockDuration(failures - failuresBeforeLock));
                users.lockUntil(user.id(), until);
                audit.record(handle, actor, AuditEvent.of("auth.account_locked", "user", user.id(), null)
                        .withChanges(Map.of("email", user.email(), "failedLogins", failures, "lockedUntil", until.toString())));
            }
            return Optional.empty();
        }
        if (!user.active()) {
            failed(handle, actor, user, email, "disabled");
            return Optional.empty();
        }
        Optional<MembershipRow> membership = users.memberships(List.of(user.id())).stream()
                .filter(MembershipRow::tenantActive).findFirst();
        if (membership.isEmpty()) {
            failed(handle, actor, user, email, "no_active_tenant");
            return Optional.empty();
        }
        users.recordLogin(user.id(), now);
        MembershipRow m = membership.get();
        Issued issued = issueTokens(handle, user.id(), m.tenantId(), UUID.randomUUID(), now);
        Caller caller = new Caller(user.id(), user.email(), user.displayName(), m.tenantId(), m.tenantName(), m.role(),
                m.roleLevel(), new HashSet<>(m.permissions()), issued.access().tokenId(), issued.access().expiresAt());
        audit.record(handle, new Actor(caller, actor.request()),
                AuditEvent.of("auth.login", "user", user.id(), m.tenantId()));
        return Optional.of(result(issued, caller));
    }

    /** Lock length after the n-th failure past the threshold: 1, 2, 4, … minutes, at most a day. */
    static Duration lockDuration(int beyondThreshold) {
        int doublings = Math.min(beyondThreshold, 11);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    private void failed(Handle handle, Actor actor, UserRow user, String email, String reason) {
        audit.record(handle, actor, AuditEvent.of("auth.login_failed", "user", user == null ? null : user.id(), null)
                .withChanges(Map.of("email", email, "reason", reason)));
    }

    /**
     * Rotates a refresh token: the presented one is spent and a new pair is issued in the same family. A spent
     * token presented again means it was copied: the whole family is revoked and the caller must sign in.
     *
     * @throws InvalidRefreshToken unknown, expired, revoked or reused token, or the user may no longer sign in
     */
    public LoginResult refresh(String refreshToken, Actor actor) {
        Optional<LoginResult> result = db.acrossTenants(handle -> {
            RefreshTokenDao refreshTokens = Db.dao(handle, RefreshTokenDao.class);
            Instant now = clock.instant();
            var row = refreshTokens.findForUpdate(SecretTokens.hash(refreshToken));
            if (row.isEmpty()) {
                return Optional.<LoginResult>empty();
            }
            var token = row.get();
            if (token.revokedAt() != null) {
                return Optional.<LoginResult>empty(); // logged out, disabled, or its family was revoked already
            }
            if (token.usedAt() != null) {
                int revoked = refreshTokens.revokeFamily(token.familyId(), now);
                audit.record(handle, actor, AuditEvent.of("auth.refresh_token_reused", "user", token.userId(),
                        token.tenantId()).withChanges(Map.of("family", token.familyId().toString(), "revoked", revoked)));
                return Optional.<LoginResult>empty();
            }
            if (!token.expiresAt().isAfter(now)) {
                return Optional.<LoginResult>empty();
            }
            Optional<CallerRow> caller = Db.dao(handle, IdentityDao.class)
                    .caller(token.userId(), token.tenantId(), UUID.randomUUID());
            if (caller.isEmpty()) {
                refreshTokens.revokeFamily(token.familyId(), now); // disabled user or lost membership
                return Optional.<LoginResult>empty();
            }
            refreshTokens.markUsed(token.id(), now);
            Issued issued = issueTokens(handle, token.userId(), token.tenantId(), token.familyId(), now);
            CallerRow c = caller.get();
            return Optional.of(result(issued, new Caller(c.userId(), c.email(), c.displayName(), c.tenantId(),
                    c.tenantName(), c.role(), c.roleLevel(), new HashSet<>(c.permissions()), issued.access().tokenId(),
                    issued.access().expiresAt())));
        });
        return result.orElseThrow(InvalidRefreshToken::new);
    }

    /**
     * Ends the session: the access token stops working at once, and the refresh token's family (when given and
     * the caller's own) is revoked.
     */
    public void logout(Caller caller, String refreshToken, Actor actor) {
        db.acrossTenants(handle -> {
            RefreshTokenDao refreshTokens = Db.dao(handle, RefreshTokenDao.class);
            Instant now = clock.instant();
            refreshTokens.revokeAccessToken(caller.tokenId(), caller.tokenExpiresAt());
            int revoked = 0;
            if (refreshToken != null && !refreshToken.isBlank()) {
                var row = refreshTokens.findForUpdate(SecretTokens.hash(refreshToken));
                if (row.isPresent() && row.get().userId().equals(caller.userId())) {
                    revoked = refreshTokens.revokeFamily(row.get().familyId(), now);
                }
            }
            audit.record(handle, actor, AuditEvent.of("auth.logout", "user", caller.userId(), caller.tenantId())
                    .withChanges(Map.of("refreshTokensRevoked", revoked)));
            return null;
        });
    }

    private record Issued(AccessTokens.Issued access, String refreshToken) {
    }

    private Issued issueTokens(Handle handle, UUID userId, UUID tenantId, UUID familyId, Instant now) {
        String refresh = SecretTokens.generate();
        Db.dao(handle, RefreshTokenDao.class).insert(UUID.randomUUID(), familyId, userId, tenantId,
                SecretTokens.hash(refresh), now, now.plus(refreshTtl));
        return new Issued(accessTokens.issue(userId, tenantId), refresh);
    }

    private LoginResult result(Issued issued, Caller caller) {
        return new LoginResult(issued.access().token(), issued.refreshToken(), "Bearer",
                accessTokens.ttl().toSeconds(), CallerView.of(caller));
    }
}
