package ai.healthflow.push;

import ai.healthflow.platform.db.Db;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out on the real database, driven step by step: the application's own fan-out and dispatcher are
 * configured to wait an hour, so only the instances made here run.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PushFanoutIT {
    static final TestApp.Extension APP = TestApp.create(ConfigOverride.config("push.pollInterval", "1h"));
    static Db db;
    static final List<Demo> RECEIVERS = List.of(Demo.CAIRO_NURSE, Demo.CAIRO_DOCTOR, Demo.PHARMACIST, Demo.OFFICER);

    @BeforeAll
    static void database() {
        var database = APP.database();
        // as the service connects: healthflow_app, so row-level security applies to the fan-out's statements
        Jdbi jdbi = Jdbi.create(() -> {
            Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
            connection.createStatement().execute("SET ROLE healthflow_app");
            return connection;
        }).installPlugin(new SqlObjectPlugin());
        db = new Db(jdbi);
    }

    @BeforeEach
    void cleanSlate() throws SQLException {
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("DELETE FROM push_outbox; DELETE FROM devices");
        }
        drain(new PushFanout(db, Duration.ofHours(1), () -> { }));
    }

    @Test
    void aNotificationBecomesOnePushPerDeviceOfItsUserInItsTenant() throws Exception {
        addDevice(Demo.CAIRO_NURSE, "a");
        addDevice(Demo.CAIRO_NURSE, "b");
        addDevice(Demo.CAIRO_DOCTOR, "c");
        var fanout = new PushFanout(db, Duration.ofHours(1), () -> { });
        String id;
        try (Connection c = APP.superuser()) {
            id = PushTesting.notify(c, Demo.CAIRO_NURSE, "Two devices").toString();
        }

        assertThat(fanout.fanOutOnce()).contains(new PushOutboxDao.FanoutBatch(1, 2));
        assertThat(fanout.fanOutOnce()).as("nothing twice").contains(new PushOutboxDao.FanoutBatch(0, 0));
        assertThat(APP.count("SELECT count(*) FROM push_outbox o JOIN devices d ON d.id = o.device_id"
                + " JOIN users u ON u.id = d.user_id WHERE o.notification_id = '" + id + "' AND o.status = 'pending'"
                + " AND lower(u.email) = '" + Demo.CAIRO_NURSE.email + "'")).isEqualTo(2);
    }

    @Test
    void aNotificationCommittedAfterALaterOneIsNotSkipped() throws Exception {
        addDevice(Demo.CAIRO_NURSE, "nurse");
        var fanout = new PushFanout(db, Duration.ofHours(1), () -> { });
        try (Connection slow = APP.superuser(); Connection fast = APP.superuser()) {
            slow.setAutoCommit(false);
            PushTesting.notify(slow, Demo.CAIRO_NURSE, "Written first, committed last"); // lower seq and xact id
            PushTesting.notify(fast, Demo.CAIRO_NURSE, "Written second, committed first");

            assertThat(fanout.fanOutOnce()).as("not final while an older transaction runs")
                    .contains(new PushOutboxDao.FanoutBatch(0, 0));

            slow.commit();
        }
        assertThat(fanout.fanOutOnce()).contains(new PushOutboxDao.FanoutBatch(2, 2));
        assertThat(APP.count("SELECT count(*) FROM push_outbox o JOIN notifications n ON n.id = o.notification_id"
                + " WHERE n.title_en IN ('Written first, committed last', 'Written second, committed first')"))
                .isEqualTo(2);
    }

    @Test
    void aFanoutSkipsItsTurnWhileAnotherHoldsThePosition() throws Exception {
        addDevice(Demo.PHARMACIST, "p");
        var fanout = new PushFanout(db, Duration.ofHours(1), () -> { });
        try (Connection c = APP.superuser()) {
            PushTesting.notify(c, Demo.PHARMACIST, "Waits for the other replica");
        }
        try (Connection other = APP.superuser()) {
            other.setAutoCommit(false);
            other.createStatement().execute("SET statement_timeout = '5s'");
            other.createStatement().executeQuery("SELECT * FROM push_feed_position WHERE id = 1 FOR UPDATE").close();

            assertThat(fanout.fanOutOnce()).as("skipped, not waited for").isEmpty();

            other.rollback();
        }
        assertThat(fanout.fanOutOnce()).contains(new PushOutboxDao.FanoutBatch(1, 1));
    }

    @Test
    void disabledUsersAndSuspendedTenantsGetNoPushes() throws Exception {
        addDevice(Demo.OFFICER, "o");
        addDevice(Demo.PHARMACIST, "p");
        var fanout = new PushFanout(db, Duration.ofHours(1), () -> { });
        String officer = "lower(email) = '" + Demo.OFFICER.email + "'";
        String pharmacy = "id = (SELECT tenant_id FROM memberships m JOIN users u ON u.id = m.user_id"
                + " WHERE lower(u.email) = '" + Demo.PHARMACIST.email + "')";
        try (Connection c = APP.superuser()) {
            PushTesting.notify(c, Demo.OFFICER, "Before the account was disabled");
            PushTesting.notify(c, Demo.PHARMACIST, "Before the pharmacy was suspended");
            c.createStatement().execute("UPDATE users SET status = 'disabled' WHERE " + officer);
            c.createStatement().execute("UPDATE tenants SET status = 'suspended' WHERE " + pharmacy);
        }
        try {
            assertThat(fanout.fanOutOnce()).contains(new PushOutboxDao.FanoutBatch(2, 0));
        } finally {
            try (Connection c = APP.superuser()) {
                c.createStatement().execute("UPDATE users SET status = 'active' WHERE " + officer);
                c.createStatement().execute("UPDATE tenants SET status = 'active' WHERE " + pharmacy);
            }
        }
    }

    @Test
    void twoFanoutsRunningAtOnceWithConcurrentWritersCreateEachPushExactlyOnce() throws Exception {
        addDevice(Demo.CAIRO_NURSE, "n1");
        addDevice(Demo.CAIRO_NURSE, "n2");
        addDevice(Demo.CAIRO_DOCTOR, "d1");
        addDevice(Demo.PHARMACIST, "p1");
        addDevice(Demo.OFFICER, "o1");
        int writers = 3;
        int transactionsPerWriter = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            var start = new CountDownLatch(1);
            var writing = new AtomicBoolean(true);
            List<Future<Integer>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                written.add(pool.submit(() -> {
                    start.await();
                    int notifications = 0;
                    try (Connection c = APP.superuser()) {
                        c.setAutoCommit(false);
                        for (int t = 0; t < transactionsPerWriter; t++) {
                            int rows = 1 + (writer + t) % 4;
                            for (int r = 0; r < rows; r++) {
                                PushTesting.notify(c, RECEIVERS.get((t + r) % RECEIVERS.size()), "Concurrent " + writer);
                            }
                            notifications += rows;
                            c.commit();
                        }
                    }
                    return notifications;
                }));
            }
            List<Future<Integer>> fannedOut = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                var fanout = new PushFanout(db, Duration.ofHours(1), () -> { });
                Callable<Integer> run = () -> {
                    start.await();
                    int read = 0;
                    while (true) {
                        boolean writersDone = !writing.get();
                        Optional<PushOutboxDao.FanoutBatch> step = fanout.fanOutOnce();
                        read += step.map(PushOutboxDao.FanoutBatch::notifications).orElse(0);
                        if (writersDone && step.isPresent() && step.get().notifications() == 0) {
                            return read; // drained after the last write committed
                        }
                    }
                };
                fannedOut.add(pool.submit(run));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> writer : written) {
                total += writer.get();
            }
            writing.set(false);
            int read = 0;
            for (Future<Integer> fanout : fannedOut) {
                read += fanout.get();
            }

            assertThat(read).as("every notification read by exactly one fan-out step").isEqualTo(total);
            long expected = APP.count("""
                    SELECT count(*) FROM notifications n JOIN devices d ON d.user_id = n.user_id AND d.tenant_id = n.tenant_id
                     WHERE n.title_en LIKE 'Concurrent %'""");
            assertThat(expected).isGreaterThan(total);
            assertThat(APP.count("SELECT count(*) FROM push_outbox o JOIN notifications n ON n.id = o.notification_id"
                    + " WHERE n.title_en LIKE 'Concurrent %'")).isEqualTo(expected);
            assertThat(APP.count("SELECT count(*) FROM (SELECT 1 FROM push_outbox GROUP BY notification_id, device_id"
                    + " HAVING count(*) > 1) duplicates")).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void addDevice(Demo user, String label) throws SQLException {
        try (Connection c = APP.superuser(); var insert = c.prepareStatement("""
                INSERT INTO devices (tenant_id, user_id, platform, token)
                SELECT m.tenant_id, u.id, 'android', ? FROM users u JOIN memberships m ON m.user_id = u.id
                 WHERE lower(u.email) = ?
                """)) {
            insert.setString(1, PushTesting.token(label));
            insert.setString(2, user.email);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    /** Reads the feed up to its end, so earlier tests' notifications are behind the position. */
    private static void drain(PushFanout fanout) {
        while (true) {
            Optional<PushOutboxDao.FanoutBatch> step = fanout.fanOutOnce();
            if (step.isPresent() && step.get().notifications() < PushFanout.BATCH) {
                return;
            }
        }
    }
}
