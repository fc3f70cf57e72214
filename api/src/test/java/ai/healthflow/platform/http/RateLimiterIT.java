package ai.healthflow.platform.http;

import ai.healthflow.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared limiter on the real PostgreSQL: windows shared by instances, refilled whole, local when the database is down. */
class RateLimiterIT {
    static TestPostgres.Database database;

    @BeforeAll
    static void database() {
        database = TestPostgres.freshDatabase();
    }

    @Test
    void twoInstancesShareOneBudget() {
        var a = new RateLimiter(database.dataSource());
        var b = new RateLimiter(database.dataSource());

        assertThat(a.tryAcquire("t:shared", 3).remaining()).isEqualTo(2);
        assertThat(b.tryAcquire("t:shared", 3).remaining()).isEqualTo(1);
        assertThat(a.tryAcquire("t:shared", 3).allowed()).isTrue();
        RateLimiter.Decision refused = b.tryAcquire("t:shared", 3);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(a.tryAcquire("t:other", 3).allowed()).as("other keys unaffected").isTrue();
    }

    @Test
    void aWindowOverAMinuteAgoIsRefilledWhole() throws SQLException {
        var limiter = new RateLimiter(database.dataSource());
        limiter.tryAcquire("t:refill", 1);
        assertThat(limiter.tryAcquire("t:refill", 1).allowed()).isFalse();

        try (var c = database.connect()) {
            c.createStatement().execute("UPDATE rate_limit_windows SET window_start = now() - interval '61 seconds'");
        }

        RateLimiter.Decision after = limiter.tryAcquire("t:refill", 1);
        assertThat(after.allowed()).isTrue();
        assertThat(after.resetSeconds()).isBetween(58L, 60L);
        assertThat(limiter.deleteExpired()).as("only windows over for a minute are deleted").isZero();
    }

    @Test
    void keysAreNotStoredInClear() throws SQLException {
        new RateLimiter(database.dataSource()).tryAcquire("login-email:someone@example.org", 5);
        try (var c = database.connect();
             var rows = c.createStatement().executeQuery(
                     "SELECT count(*) FROM rate_limit_windows WHERE position('someone'::bytea IN key) > 0")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void withoutTheDatabaseEachInstanceCountsLocallyInsteadOfFailing() {
        var unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        var limiter = new RateLimiter(unreachable);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("t:down", 3).allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryAcquire("t:down", 3);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
    }
}
