package ai.healthflow.ops;

import ai.healthflow.platform.http.RateLimiter;
import ai.healthflow.testing.Demo;
import com.codahale.metrics.MetricRegistry;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a benchmark: a quick, sequential loop of authenticated {@code GET /api/v2/me} that prints the latency the
 * client sees, to compare the cost of a change to the request path on the same machine state; and the shared rate
 * limiter's own cost. A measurement, not a check, so it is skipped unless asked for:
 * {@code mvn -o verify -pl api -am -Dit.test=RateLimitCostIT -Dhealthflow.measure=true -Dtest=NoSuch
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "healthflow.measure", matches = "true")
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitCostIT {
    static final TestApp.Extension APP = TestApp.create();

    @Test
    void printsTheLatencyOfAnAuthenticatedGet() {
        var http = APP.http();
        String token = http.login(Demo.CAIRO_DOCTOR.email, Demo.CAIRO_DOCTOR.password);
        for (int i = 0; i < 2000; i++) {
            assertThat(http.getAs(token, "/api/v2/me").status()).isEqualTo(200);
        }
        for (int round = 1; round <= 3; round++) {
            long[] micros = new long[2000];
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                http.getAs(token, "/api/v2/me");
                micros[i] = (System.nanoTime() - start) / 1000;
            }
            Arrays.sort(micros);
            print("GET /api/v2/me round " + round, micros);
        }
    }

    /** The limiter's own cost on a pool configured like the service's, beside a bare borrow + SELECT 1. */
    @Test
    void printsTheCostOfOneLimiterCall() throws Exception {
        var pool = APP.getConfiguration().database().dataSource().build(new MetricRegistry(), "cost");
        pool.start();
        try {
            var limiter = new RateLimiter(pool);
            IntConsumer select1 = i -> {
                try (var c = pool.getConnection(); var s = c.prepareStatement("SELECT 1"); var r = s.executeQuery()) {
                    r.next();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            IntConsumer acquire = i -> assertThat(limiter.tryAcquire("cost:user:" + (i % 50), 1_000_000).allowed()).isTrue();
            for (int i = 0; i < 3000; i++) {
                select1.accept(i);
                acquire.accept(i);
            }
            for (int round = 1; round <= 3; round++) {
                print("borrow + SELECT 1 round " + round, time(select1));
                print("borrow + limiter statement round " + round, time(acquire));
            }
        } finally {
            pool.stop();
        }
    }

    private static long[] time(IntConsumer call) {
        long[] micros = new long[3000];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            call.accept(i);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        return micros;
    }

    private static void print(String what, long[] micros) {
        Arrays.sort(micros);
        System.out.printf("%s: median %d us, p90 %d us, p99 %d us, mean %d us%n", what,
                micros[micros.length / 2], micros[micros.length * 9 / 10], micros[micros.length * 99 / 100],
                Arrays.stream(micros).sum() / micros.length);
    }
}
