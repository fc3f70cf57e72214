package ai.healthflow.email;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static ai.healthflow.email.FakeSmtpServer.Behaviour.ACCEPT;
import static ai.healthflow.email.FakeSmtpServer.Behaviour.HANG_UP;
import static ai.healthflow.email.FakeSmtpServer.Behaviour.REJECT_RECIPIENT;
import static org.assertj.core.api.Assertions.assertThat;

class EmailDispatcherIT {
    private static final String ARABIC_SUBJECT = "دعوة إلى هيلث فلو";
    private static final String ARABIC_BODY = "مرحبا د. سارة،\nتمت دعوتك إلى هيلث فلو.\nWelcome to HealthFlow.";
    private static Jdbi jdbi;
    private final EmailOutbox outbox = new EmailOutbox();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void database() throws Exception {
        jdbi = EmailTestDatabase.jdbi(EmailTestDatabase.create());
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE email_outbox"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void sendsPendingMailOverSmtpAndMarksItSent() {
        FakeSmtpServer smtp = server(ACCEPT);
        enqueue("sara@hospital.example", ARABIC_SUBJECT, ARABIC_BODY);
        enqueue("omar@pharmacy.example", "Password reset", "Your code: 123456");
        EmailDispatcher dispatcher = dispatcher(new SmtpEmailSender(smtp.settings(5)), 5, 20);

        assertThat(dispatcher.dispatchOnce()).isEqualTo(2);

        assertThat(smtp.received()).hasSize(2);
        FakeSmtpServer.Received arabic = smtp.received().stream()
                .filter(r -> r.recipients().equals(List.of("<sara@hospital.example>"))).findFirst().orElseThrow();
        assertThat(arabic.subject()).isEqualTo(ARABIC_SUBJECT);
        assertThat(arabic.body()).isEqualTo(ARABIC_BODY);
        assertThat(arabic.mailFrom()).isEqualTo("<no-reply@healthflow.test>");
        assertThat(arabic.header("From")).contains("HealthFlow").contains("<no-reply@healthflow.test>");
        UUID id = idOf("sara@hospital.example");
        assertThat(arabic.header("Message-ID")).isEqualTo("<" + id + "@healthflow.test>");

        for (Map<String, Object> row : rows()) {
            assertThat(row).containsEntry("status", "sent").containsEntry("attempts", 1)
                    .containsEntry("last_error", null);
            assertThat(row.get("sent_at")).isNotNull();
        }
        assertThat(dispatcher.dispatchOnce()).as("nothing left").isZero();
        assertThat(smtp.received()).hasSize(2);
    }

    @Test
    void rejectedMailBacksOffExponentiallyThenFails() {
        FakeSmtpServer smtp = server(REJECT_RECIPIENT);
        enqueue("nobody@hospital.example", "Hello", "Body");
        EmailDispatcher dispatcher = dispatcher(new SmtpEmailSender(smtp.settings(3)), 3, 20);

        assertThat(dispatcher.dispatchOnce()).isEqualTo(1);
        Map<String, Object> row = rows().getFirst();
        assertThat(row).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat((String) row.get("last_error")).contains("550").doesNotContain("\n").doesNotContain("at jakarta");
        assertThat(secondsUntilNextAttempt()).isBetween(25.0, 31.0);
        assertThat(dispatcher.dispatchOnce()).as("not due yet").isZero();

        makeDue();
        assertThat(dispatcher.dispatchOnce()).isEqualTo(1);
        assertThat(rows().getFirst()).containsEntry("status", "pending").containsEntry("attempts", 2);
        assertThat(secondsUntilNextAttempt()).isBetween(55.0, 61.0);

        makeDue();
        assertThat(dispatcher.dispatchOnce()).isEqualTo(1);
        row = rows().getFirst();
        assertThat(row).containsEntry("status", "failed").containsEntry("attempts", 3).containsEntry("sent_at", null);
        assertThat((String) row.get("last_error")).contains("550");

        makeDue();
        assertThat(dispatcher.dispatchOnce()).as("failed is final").isZero();
        assertThat(smtp.received()).isEmpty();
    }

    @Test
    void serverHangingUpIsAFailedAttempt() {
        FakeSmtpServer smtp = server(HANG_UP);
        enqueue("sara@hospital.example", "Hello", "Body");

        assertThat(dispatcher(new SmtpEmailSender(smtp.settings(5)), 5, 20).dispatchOnce()).isEqualTo(1);

        Map<String, Object> row = rows().getFirst();
        assertThat(row).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat((String) row.get("last_error")).isNotBlank().doesNotContain("\n");
        assertThat(secondsUntilNextAttempt()).isPositive();
    }

    @Test
    void withoutSmtpEachMessageIsLoggedOnceWithoutItsBodyAndStaysPendingUntilSmtpIsConfigured() throws Exception {
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        var logger = (Logger) LoggerFactory.getLogger(LoggingEmailSender.class);
        logger.addAppender(logged);
        closing.add(() -> logger.detachAppender(logged));
        enqueue("sara@hospital.example", ARABIC_SUBJECT, "secret-token-123");
        enqueue("omar@pharmacy.example", "Reset", "secret-token-456");
        var noSmtp = new EmailSettings("", 587, "", "", true, "no-reply@healthflow.test", 5);
        assertThat(EmailSender.of(noSmtp)).isInstanceOf(LoggingEmailSender.class);

        assertThat(new EmailDispatcher(jdbi, noSmtp, Clock.systemUTC()).dispatchOnce()).isEqualTo(2);
        assertThat(new EmailDispatcher(jdbi, noSmtp, Clock.systemUTC()).dispatchOnce())
                .as("another replica, or a restart, does not log them again").isZero();

        assertThat(logged.list).hasSize(2);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("sara@hospital.example", ARABIC_SUBJECT))
                .allSatisfy(line -> assertThat(line).doesNotContain("secret-token"));
        for (Map<String, Object> row : rows()) {
            assertThat(row).containsEntry("status", "pending").containsEntry("attempts", 0)
                    .containsEntry("sent_at", null);
        }

        // SMTP configured later: the started dispatcher's thread releases the held messages and sends them
        FakeSmtpServer smtp = server(ACCEPT);
        var withSmtp = new EmailDispatcher(jdbi, new SmtpEmailSender(smtp.settings(5)), 5, Duration.ofMillis(50), 20,
                Clock.systemUTC());
        withSmtp.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rows().stream().anyMatch(r -> !"sent".equals(r.get("status"))) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            withSmtp.stop();
        }
        assertThat(rows()).allSatisfy(row -> assertThat(row).containsEntry("status", "sent")
                .containsEntry("last_error", null));
        assertThat(smtp.received()).extracting(FakeSmtpServer.Received::body)
                .containsExactlyInAnyOrder("secret-token-123", "secret-token-456");
    }

    @Test
    void twoDispatchersRunningAtOnceSendEachMessageExactlyOnce() throws Exception {
        FakeSmtpServer smtp = server(ACCEPT);
        int messages = 60;
        for (int i = 0; i < messages; i++) {
            enqueue("user" + i + "@hospital.example", "Message " + i, "Body " + i);
        }
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        closing.add(pool::shutdownNow);
        List<Future<Integer>> results = new ArrayList<>();
        for (int replica = 0; replica < 2; replica++) {
            EmailDispatcher dispatcher = dispatcher(new SmtpEmailSender(smtp.settings(5)), 5, 7);
            Callable<Integer> drain = () -> {
                start.await();
                int total = 0;
                for (int claimed; (claimed = dispatcher.dispatchOnce()) > 0; ) {
                    total += claimed;
                }
                return total;
            };
            results.add(pool.submit(drain));
        }
        start.countDown();
        int processed = 0;
        for (Future<Integer> result : results) {
            processed += result.get();
        }

        assertThat(processed).isEqualTo(messages);
        assertThat(smtp.received()).hasSize(messages);
        assertThat(smtp.received()).extracting(FakeSmtpServer.Received::subject).doesNotHaveDuplicates();
        assertThat(rows()).hasSize(messages).allSatisfy(row -> assertThat(row)
                .containsEntry("status", "sent").containsEntry("attempts", 1));
    }

    @Test
    void aClaimInProgressIsSkippedNotWaitedFor() {
        for (int i = 0; i < 4; i++) {
            enqueue("user" + i + "@hospital.example", "Message " + i, "Body " + i);
        }
        try (Handle first = jdbi.open(); Handle second = jdbi.open()) {
            second.execute("SET statement_timeout = '3s'"); // waiting for the lock would fail the test, not hang it
            first.begin();
            List<ClaimedEmail> firstBatch = first.attach(EmailOutboxDao.class).claim(2, 600); // rows stay locked

            List<ClaimedEmail> secondBatch = second.attach(EmailOutboxDao.class).claim(10, 600);

            assertThat(firstBatch).hasSize(2);
            assertThat(secondBatch).hasSize(2);
            assertThat(secondBatch).extracting(ClaimedEmail::id)
                    .doesNotContainAnyElementsOf(firstBatch.stream().map(ClaimedEmail::id).toList());
            first.rollback();
        }
        assertThat(jdbi.onDemand(EmailOutboxDao.class).claim(10, 600)).as("the rolled-back claim").hasSize(2);
    }

    @Test
    void anExpiredClaimCannotOverwriteTheAttemptThatTookItOver() {
        enqueue("sara@hospital.example", "Hello", "Body");
        EmailOutboxDao dao = jdbi.onDemand(EmailOutboxDao.class);
        ClaimedEmail first = dao.claim(10, 0).getFirst(); // lease of 0 s: expired at once
        ClaimedEmail second = dao.claim(10, 600).getFirst();
        assertThat(second.attempts()).isEqualTo(first.attempts() + 1);

        assertThat(dao.markSent(first.id(), first.attempts())).isZero();
        assertThat(dao.retryLater(first.id(), first.attempts(), Instant.now(), "late")).isZero();
        assertThat(dao.markSent(second.id(), second.attempts())).isOne();
    }

    private FakeSmtpServer server(FakeSmtpServer.Behaviour behaviour) {
        var server = new FakeSmtpServer(behaviour);
        closing.add(server);
        return server;
    }

    private static EmailDispatcher dispatcher(EmailSender sender, int maxAttempts, int batch) {
        return new EmailDispatcher(jdbi, sender, maxAttempts, Duration.ofSeconds(2), batch, Clock.systemUTC());
    }

    private void enqueue(String recipient, String subject, String body) {
        jdbi.useTransaction(handle -> outbox.enqueue(handle, recipient, subject, body));
    }

    private static List<Map<String, Object>> rows() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                SELECT id, recipient, status, attempts, last_error, sent_at FROM email_outbox ORDER BY created_at, id
                """).mapToMap().list());
    }

    private static UUID idOf(String recipient) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM email_outbox WHERE recipient = :r")
                .bind("r", recipient).mapTo(UUID.class).one());
    }

    private static double secondsUntilNextAttempt() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT extract(epoch FROM next_attempt_at - now())::float8 FROM email_outbox")
                .mapTo(Double.class).one());
    }

    private static void makeDue() {
        jdbi.useHandle(handle -> handle.execute("UPDATE email_outbox SET next_attempt_at = now()"));
    }
}
