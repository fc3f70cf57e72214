package ai.healthflow.email;

import ai.healthflow.testing.TestPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.FastCheckService;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailOutboxIT {
    private static TestPostgres.Database db;
    private static Jdbi jdbi;
    private final EmailOutbox outbox = new EmailOutbox();

    @BeforeAll
    static void database() throws Exception {
        db = EmailTestDatabase.create();
        jdbi = EmailTestDatabase.jdbi(db);
        // stands for a feature's table: the email must share the fate of the change it is about
        jdbi.useHandle(handle -> handle.execute("CREATE TABLE email_it_business_rows (email text PRIMARY KEY)"));
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE email_outbox, email_it_business_rows"));
    }

    @Test
    void enqueuedInACommittedTransactionIsPendingAndDueNow() {
        jdbi.useTransaction(handle -> {
            handle.execute("INSERT INTO email_it_business_rows VALUES ('doctor@example.org')");
            outbox.enqueue(handle, "doctor@example.org", "Welcome", "Hello");
        });
        assertThat(count("email_it_business_rows")).isOne();

        Map<String, Object> row = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT recipient, subject, body_text, status, attempts, last_error, sent_at,
                       next_attempt_at <= now() AS due
                  FROM email_outbox
                """).mapToMap().one());
        assertThat(row).containsEntry("recipient", "doctor@example.org").containsEntry("subject", "Welcome")
                .containsEntry("body_text", "Hello").containsEntry("status", "pending").containsEntry("attempts", 0)
                .containsEntry("last_error", null).containsEntry("sent_at", null).containsEntry("due", true);
    }

    @Test
    void enqueuedInATransactionThatRollsBackLeavesNothing() {
        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
            handle.execute("INSERT INTO email_it_business_rows VALUES ('doctor@example.org')");
            outbox.enqueue(handle, "doctor@example.org", "Invitation", "token abc");
            throw new IllegalStateException("business rule failed after the email was queued");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(count("email_outbox")).isZero();
        assertThat(count("email_it_business_rows")).isZero();
    }

    @Test
    void refusesWhatCannotBeAHeaderOrAnAddress() {
        jdbi.useTransaction(handle -> {
            assertThatThrownBy(() -> outbox.enqueue(handle, "doctor@example.org", "Hi\r\nBcc: x@evil.test", "b"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outbox.enqueue(handle, "not an address", "Hi", "b"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outbox.enqueue(handle, "doctor", "Hi", "b"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outbox.enqueue(handle, "a@example.org, b@example.org", "Hi", "b"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outbox.enqueue(handle, "a@example.org\r\nBcc: x@evil.test", "Hi", "b"))
                    .isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(count("email_outbox")).isZero();
    }

    @Test
    void statusIsConstrained() {
        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute("""
                INSERT INTO email_outbox (recipient, subject, body_text, status) VALUES ('a@b.test', 's', 'b', 'lost')
                """))).hasMessageContaining("email_outbox_status_check");
    }

    @Test
    void changeSetRollsBackAndAppliesAgain() throws Exception {
        TestPostgres.Database own = EmailTestDatabase.create();
        try (Connection connection = own.connect()) {
            var liquibase = EmailTestDatabase.liquibase(connection);
            liquibase.rollback(1, (String) null);
            assertThat(tableExists(own)).isFalse();
            // Liquibase remembers in the JVM that this database was up to date (its "fast check") and rollback does
            // not forget it; a db command runs in a new JVM, so forget it here too
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            liquibase.update(new Contexts(), new LabelExpression());
        }
        assertThat(tableExists(own)).isTrue();
    }

    private static boolean tableExists(TestPostgres.Database db) throws Exception {
        try (Connection connection = db.connect();
             var rows = connection.createStatement().executeQuery("SELECT to_regclass('email_outbox') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static int count(String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Integer.class).one());
    }
}
