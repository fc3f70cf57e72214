package ai.healthflow.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Login is limited more strictly than the rest of the API, separately per email (many addresses, one account) and
 * per client address (one attacker, many accounts). An address gets five times the per-email budget because a
 * hospital's staff often sign in from behind one NAT address. Lockout (in {@link AuthService}) is the slower,
 * persistent second line.
 */
public final class LoginThrottle {
    static final int ADDRESS_FACTOR = 5;
    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(200_000)
            .build();

    public LoginThrottle(int perMinute) {
        this.perMinute = perMinute;
    }

    /** @throws TooManyLoginAttempts when either the address or the email is over its limit */
    public void check(String ip, String email) {
        consume("ip:" + ip, perMinute * ADDRESS_FACTOR);
        consume("email:" + email.strip().toLowerCase(Locale.ROOT), perMinute);
    }

    private void consume(String key, int limit) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyLoginAttempts(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
        }
    }
}
