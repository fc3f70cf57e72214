package ai.healthflow.identity;

import ai.healthflow.platform.http.RateLimiter;

import java.util.Locale;

/**
 * Login is limited more strictly than the rest of the API, separately per email (many addresses, one account) and
 * per client address (one attacker, many accounts). An address gets five times the per-email budget because a
 * hospital's staff often sign in from behind one NAT address. The counts are shared by every replica through
 * PostgreSQL ({@link RateLimiter}), so adding replicas does not multiply an attacker's guesses. Lockout (in
 * {@link AuthService}) is the slower, persistent second line.
 */
public final class LoginThrottle {
    static final int ADDRESS_FACTOR = 5;
    private final RateLimiter limiter;
    private final int perMinute;

    public LoginThrottle(RateLimiter limiter, int perMinute) {
        this.limiter = limiter;
        this.perMinute = perMinute;
    }

    /** @throws TooManyLoginAttempts when either the address or the email is over its limit */
    public void check(String ip, String email) {
        consume("login-ip:" + ip, perMinute * ADDRESS_FACTOR);
        consume("login-email:" + email.strip().toLowerCase(Locale.ROOT), perMinute);
    }

    private void consume(String key, int limit) {
        RateLimiter.Decision decision = limiter.tryAcquire(key, limit);
        if (!decision.allowed()) {
            throw new TooManyLoginAttempts(decision.retryAfterSeconds());
        }
    }
}
