package ai.healthflow.ops;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8: PostgreSQL stops under load and comes back. The application runs on a server of the test's own
 * (a data directory and port that survive a {@code pg_ctl stop -m fast} and a start), while client threads keep
 * sending reads and writes. While the database is down every request must fail fast with a 503 problem+json and
 * {@code /ready} and {@code /health} must say so; once it returns the service must recover without a restart, and
 * every write that was answered 2xx must be in the database. {@code /live}, Kubernetes' liveness probe,
 * stays 200: restarting replicas cannot bring the database back.
 */
class DatabaseOutageIT {
    /** No request may take longer than this while the database is down (pool wait 2 s, connect timeout 2 s). */
    private static final Duration FAIL_FAST = Duration.ofSeconds(5);
    /** The service must serve again within this long after PostgreSQL accepts connections. */
    private static final Duration RECOVERY = Duration.ofSeconds(15);
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    static Path dataDirectory;
    static int port;
    static EmbeddedPostgres postgres;
    static DropwizardTestSupport<HealthFlowConfiguration> app;

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("healthflow-outage-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = startPostgres();
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE outage");
        }
        app = new DropwizardTestSupport<>(HealthFlowApplication.class, TestApp.configFile("test.yml").toString(),
                ConfigOverride.config("home", TestApp.tempHome().toString()),
                ConfigOverride.config("database.dataSource.url", url("outage")),
                ConfigOverride.config("database.dataSource.user", "postgres"),
                ConfigOverride.config("database.dataSource.password", ""));
        app.before();
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.after();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    record Outcome(String kind, int status, String contentType, String body, long millis, long startedAt) {
    }

    @Test
    void requestsFailFastWith503WhileTheDatabaseIsDownAndTheServiceRecoversWithoutLosingCommittedWrites()
            throws Exception {
        Http http = new Http(app.getLocalPort());
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        assertThat(http.get("/ready").status()).isEqualTo(200);

        // given client threads sending reads and writes
        var outcomes = new ConcurrentLinkedQueue<Outcome>();
        var committed = new ConcurrentLinkedQueue<String>(); // national ids whose registration got a 2xx
        var attempted = new AtomicInteger();
        var running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            clients.add(Thread.ofPlatform().name("outage-client-" + c).start(() -> {
                for (int i = 0; running.get(); i++) {
                    String kind = switch (i % 3) {
                        case 0 -> "me";
                        case 1 -> "medicines";
                        default -> "register";
                    };
                    long started = System.nanoTime();
                    Http.Response response;
                    String nationalId = null;
                    try {
                        response = switch (kind) {
                            case "me" -> http.getAs(doctor, "/api/v2/me");
                            case "medicines" -> http.getAs(doctor, "/api/v2/medicines?size=20");
                            default -> {
                                nationalId = nationalId(attempted.incrementAndGet());
                                yield http.postAs(doctor, "/api/v2/patients/register", """
                                        {"nationalId":"%s","nameEn":"Outage Test","nameAr":"اختبار","dateOfBirth":"1980-01-01","sex":"female"}"""
                                        .formatted(nationalId));
                            }
                        };
                    } catch (RuntimeException e) { // a timeout or a reset connection: recorded as status 0
                        outcomes.add(new Outcome(kind, 0, null, e.toString(), millisSince(started), started));
                        continue;
                    }
                    if (nationalId != null && response.status() / 100 == 2) {
                        committed.add(nationalId);
                    }
                    outcomes.add(new Outcome(kind, response.status(), response.header("Content-Type"),
                            response.body(), millisSince(started), started));
                    sleep(20);
                }
            }));
        }
        Thread.sleep(1500);
        assertThat(committed).as("writes succeed before the outage").isNotEmpty();

        // when PostgreSQL stops (pg_ctl stop -m fast: sessions are terminated)
        long stopped = System.nanoTime();
        postgres.close();
        long down = System.nanoTime();
        Thread.sleep(1500); // past the one-second probe cache
        Http.Response ready = http.get("/ready");
        Http.Response health = http.get("/health");
        Http.Response live = http.get("/live");
        Http.Response me = http.getAs(doctor, "/api/v2/me");
        Thread.sleep(OUTAGE.toMillis() - 1500);

        // then every request in the outage failed fast with a 503 problem+json and no internals
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body()).contains("database: unreachable");
        assertThat(health.status()).isEqualTo(503);
        assertThat(live.status()).as("liveness does not follow the database: no restarts").isEqualTo(200);
        assertThat(me.status()).as(me.body()).isEqualTo(503);
        assertThat(me.header("Content-Type")).startsWith("application/problem+json");
        List<Outcome> duringOutage = outcomes.stream().filter(o -> o.startedAt() > down).toList();
        assertThat(duringOutage).as("requests were sent during the outage").hasSizeGreaterThan(5);
        for (Outcome o : duringOutage) {
            assertThat(o.status()).as("%s during the outage: %s", o.kind(), o.body()).isEqualTo(503);
            assertThat(o.contentType()).startsWith("application/problem+json");
            assertThat(o.body()).contains("database is not reachable")
                    .doesNotContain("Exception").doesNotContain("SQL").doesNotContain("jdbc:");
            assertThat(o.millis()).as("%s took %d ms", o.kind(), o.millis()).isLessThanOrEqualTo(FAIL_FAST.toMillis());
        }
        long slowest = duringOutage.stream().mapToLong(Outcome::millis).max().orElse(0);

        // when PostgreSQL starts again on the same port and data directory
        postgres = startPostgres();
        long up = System.nanoTime();

        // then the service serves again by itself
        long recovered = -1;
        while (millisSince(up) < RECOVERY.toMillis()) {
            if (http.getAs(doctor, "/api/v2/me").status() == 200 && http.get("/ready").status() == 200) {
                recovered = millisSince(up);
                break;
            }
            Thread.sleep(100);
        }
        assertThat(recovered).as("recovered within %s", RECOVERY).isNotNegative();
        Thread.sleep(1000);
        running.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(40));
        }
        long servingAgain = up + recovered * 1_000_000L;
        List<Outcome> afterRecovery = outcomes.stream().filter(o -> o.startedAt() > servingAgain).toList();
        assertThat(afterRecovery).isNotEmpty().allSatisfy(o ->
                assertThat(o.status()).as("%s after recovery: %s", o.kind(), o.body()).isBetween(200, 299));

        // and every write answered 2xx is in the database
        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url("outage"), "postgres", "");
             var rows = connection.createStatement().executeQuery("SELECT national_id FROM patients")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        assertThat(stored).containsAll(committed);

        System.out.printf("DatabaseOutageIT: %d requests (%d during a %d s outage, slowest %d ms, all 503 "
                        + "problem+json); pg_ctl stop took %d ms; service recovered %d ms after PostgreSQL was up; "
                        + "%d writes answered 2xx, all stored%n",
                outcomes.size(), duringOutage.size(), OUTAGE.toSeconds(), slowest,
                (down - stopped) / 1_000_000, recovered, committed.size());
    }

    /** A valid national id for a woman born 1980-01-01 in Cairo, unique per n (n < 10000). */
    private static String nationalId(int n) {
        return "2800101" + "01" + "%03d".formatted(n % 1000) + "2" + (n / 1000);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A server whose data directory and port survive a stop: {@code close()} is {@code pg_ctl stop -m fast}. */
    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }
}
