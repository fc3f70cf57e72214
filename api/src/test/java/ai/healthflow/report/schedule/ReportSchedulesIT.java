package ai.healthflow.report.schedule;

import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.email.EmailOutbox;
import ai.healthflow.platform.db.Db;
import ai.healthflow.report.ReportService;
import ai.healthflow.report.ReportSettings;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static ai.healthflow.report.ReportRuns.finished;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report schedules end to end: validation, firing once across concurrent runners, the report rendered by the
 * report-export job, its link emailed once to each recipient, recipients reading it, owners losing their rights.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReportSchedulesIT {
    static final TestApp.Extension APP = TestApp.create();
    /** A second regulator officer in the authority's tenant (same password as the demo officer). */
    static final String SECOND_OFFICER = "second.officer@eda.demo";
    static final String PORTAL = "https://portal.healthflow.test";

    Http http;
    String officer;
    List<UUID> launched = new CopyOnWriteArrayList<>();
    ReportScheduleService service;
    ScheduledReportDelivery delivery;

    @BeforeAll
    static void secondOfficer() throws Exception {
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("""
                    INSERT INTO users (email, password_hash, display_name)
                    SELECT '%s', password_hash, 'Second Officer' FROM users WHERE email = '%s'
                    ON CONFLICT DO NOTHING""".formatted(SECOND_OFFICER, Demo.OFFICER.email));
            c.createStatement().execute("""
                    INSERT INTO memberships (user_id, tenant_id, role)
                    SELECT u2.id, m.tenant_id, 'eda_officer'
                      FROM users u JOIN memberships m ON m.user_id = u.id, users u2
                     WHERE u.email = '%s' AND u2.email = '%s'
                    ON CONFLICT DO NOTHING""".formatted(Demo.OFFICER.email, SECOND_OFFICER));
        }
    }

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
        Db db = new Db(Jdbi.create(APP.database().url(), APP.database().user(), APP.database().password())
                .installPlugin(new SqlObjectPlugin()));
        Clock clock = Clock.systemUTC();
        AuditLog audit = new AuditLog(new AuditChain(APP.getConfiguration().security().auditKey()), clock);
        ReportCatalog catalog = ReportCatalog.load();
        ReportService reports = new ReportService(db, catalog, launched::add, audit, clock, ReportSettings.defaults());
        service = new ReportScheduleService(db, reports, launched::add, audit, clock, ZoneId.of("Africa/Cairo"));
        delivery = new ScheduledReportDelivery(db, catalog, new EmailOutbox(), audit, ZoneId.of("Africa/Cairo"), PORTAL);
    }

    Http.Response schedule(String token, String body) {
        return http.postAs(token, "/api/v2/report-schedules", body);
    }

    String created(String token, String body) {
        Http.Response response = schedule(token, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().at("/data/id").asText();
    }

    void makeDue(String scheduleId) throws Exception {
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("UPDATE report_schedules SET next_run_at = now() - interval '1 minute' WHERE id = '"
                    + scheduleId + "'");
        }
    }

    long requestsOf(String scheduleId) throws Exception {
        return APP.count("SELECT count(*) FROM report_requests WHERE schedule_id = '" + scheduleId + "'");
    }

    @Test
    void wrongSchedulesAreProblemsNamingEachField() {
        Http.Response wrong = schedule(officer, """
                {"type":"medicine-registry","format":"docx","cron":"every monday","zone":"Mars/Olympus",
                 "recipients":["officer@eda.demo","not an address"]}""");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("format", "cron", "zone", "recipients[1]");

        Http.Response tooOften = schedule(officer, """
                {"type":"medicine-registry","format":"csv","cron":"0 */10 * * * *"}""");
        assertThat(tooOften.status()).isEqualTo(400);
        assertThat(tooOften.json().at("/errors/0/field").asText()).isEqualTo("cron");
        assertThat(tooOften.json().at("/errors/0/message").asText()).contains("more often than once an hour");

        Http.Response strangers = schedule(officer, """
                {"type":"medicine-registry","format":"csv","cron":"@weekly",
                 "recipients":["officer@eda.demo","viewer@eda.demo","doctor@cairo-general.demo"]}""");
        assertThat(strangers.status()).isEqualTo(400);
        assertThat(strangers.json().get("errors").toString())
                .contains("recipients[1]", "may not read the report medicine-registry")
                .contains("recipients[2]", "is not an active member of your organisation");

        assertThat(schedule(Demo.CAIRO_DOCTOR.login(http), """
                {"type":"medicine-registry","format":"csv","cron":"@weekly"}""").status())
                .as("doctors do not read reports").isEqualTo(403);
        assertThat(http.postAs(officer, "/api/v2/report-schedules", "{}").status()).isEqualTo(400);
    }

    @Test
    void aDueScheduleRequestsItsReportOnceAndItsLinkIsEmailedOnceToEachRecipient() throws Exception {
        String id = created(officer, """
                {"name":"Weekly registry","type":"medicine-registry","format":"csv","language":"en",
                 "cron":"0 0 7 * * MON","zone":"Africa/Cairo","recipients":["Officer@EDA.demo","%s"]}"""
                .formatted(SECOND_OFFICER));
        JsonNode view = http.getAs(officer, "/api/v2/report-schedules/" + id).json().get("data");
        assertThat(view.get("recipients")).hasSize(2);
        assertThat(view.get("recipients").get(0).asText()).isEqualTo("officer@eda.demo");
        Instant next = Instant.parse(view.get("nextRunAt").asText());
        assertThat(next.atZone(ZoneId.of("Africa/Cairo")).getDayOfWeek().name()).isEqualTo("MONDAY");
        assertThat(next.atZone(ZoneId.of("Africa/Cairo")).getHour()).isEqualTo(7);
        assertThat(http.getAs(officer, "/api/v2/report-schedules").json().get("data").findValuesAsText("id")).contains(id);
        service.fireDue();
        assertThat(requestsOf(id)).as("not due yet").isZero();

        makeDue(id);
        service.fireDue();
        service.fireDue();
        assertThat(requestsOf(id)).as("fired once").isEqualTo(1);
        JsonNode fired = http.getAs(officer, "/api/v2/report-schedules/" + id).json().get("data");
        String requestId = fired.get("lastRequestId").asText();
        assertThat(launched).contains(UUID.fromString(requestId));
        assertThat(Instant.parse(fired.get("nextRunAt").asText())).isAfter(Instant.now());
        delivery.deliver();
        assertThat(emails(requestId)).as("nothing to announce before the report is rendered").isEmpty();

        // rendered by the service's own report-export job, as the launcher would have started it
        String admin = Demo.SUPER_ADMIN.login(http);
        assertThat(http.postAs(admin, "/api/v2/batch/jobs/report-export/runs",
                "{\"parameters\":{\"requestId\":\"" + requestId + "\"}}").status()).isEqualTo(202);
        JsonNode report = finished(http, officer, requestId);
        assertThat(report.get("status").asText()).isEqualTo("completed");
        assertThat(report.get("dataScope").asText()).isEqualTo("all");

        delivery.deliver();
        delivery.deliver();
        List<String[]> emails = emails(requestId);
        assertThat(emails).as("announced once to each").hasSize(2);
        assertThat(emails).extracting(e -> e[0]).containsExactlyInAnyOrder("officer@eda.demo", SECOND_OFFICER);
        assertThat(emails.getFirst()[1]).isEqualTo("HealthFlow report ready: Medicine registry");
        assertThat(emails.getFirst()[2]).contains(PORTAL + "/reports/" + requestId, "/api/v2/reports/" + requestId + "/download");

        String second = http.login(SECOND_OFFICER, Demo.OFFICER.password);
        assertThat(http.getAs(second, "/api/v2/reports/" + requestId).status()).as("a recipient reads it").isEqualTo(200);
        assertThat(http.getAs(second, "/api/v2/reports").json().get("data").findValuesAsText("id")).contains(requestId);
        assertThat(http.getAs(second, "/api/v2/reports/" + requestId + "/download").status()).isEqualTo(200);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'report.downloaded' AND entity_id = '"
                + requestId + "' AND actor_email = '" + SECOND_OFFICER + "'")).isEqualTo(1);
        assertThat(http.getAs(Demo.CAIRO_ADMIN.login(http), "/api/v2/reports/" + requestId).status())
                .as("a reader of reports who is not a recipient").isEqualTo(404);
        assertThat(http.getAs(second, "/api/v2/report-schedules/" + id).status())
                .as("recipients do not manage the owner's schedule").isEqualTo(404);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action IN ('report_schedule.created', 'report.delivered')"
                + " AND (entity_id = '" + id + "' OR entity_id = '" + requestId + "')")).isEqualTo(2);
    }

    @Test
    void concurrentRunnersFireADueScheduleOnce() throws Exception {
        String id = created(officer, """
                {"type":"recalls","format":"xlsx","cron":"@daily"}""");
        for (int round = 0; round < 3; round++) {
            makeDue(id);
            CyclicBarrier start = new CyclicBarrier(3);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return service.fireDue();
                }));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
            pool.shutdown();
            assertThat(requestsOf(id)).as("round " + round).isEqualTo(round + 1);
        }
    }

    @Test
    void aScheduleWhoseOwnerLostTheRightStopsWithTheReason() throws Exception {
        String second = http.login(SECOND_OFFICER, Demo.OFFICER.password);
        String id = created(second, """
                {"type":"adverse-events","format":"pdf","language":"ar","cron":"0 0 6 1 * *"}""");
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("UPDATE memberships SET role = 'viewer' WHERE user_id = (SELECT id FROM users"
                    + " WHERE email = '" + SECOND_OFFICER + "')");
            makeDue(id);
            service.fireDue();
            assertThat(requestsOf(id)).isZero();
            try (ResultSet row = c.createStatement().executeQuery(
                    "SELECT active, last_error FROM report_schedules WHERE id = '" + id + "'")) {
                row.next();
                assertThat(row.getBoolean(1)).isFalse();
                assertThat(row.getString(2)).contains("may no longer request the report adverse-events");
            }
            makeDue(id);
            service.fireDue();
            assertThat(requestsOf(id)).as("a stopped schedule does not fire").isZero();
        } finally {
            try (Connection c = APP.superuser()) {
                c.createStatement().execute("UPDATE memberships SET role = 'eda_officer' WHERE user_id = (SELECT id"
                        + " FROM users WHERE email = '" + SECOND_OFFICER + "')");
            }
        }
    }

    @Test
    void theReportMayBeNamedReportAsWellAsType() throws Exception {
        String id = created(officer, """
                {"report":"medicine-registry","format":"pdf","language":"ar","cron":"@weekly"}""");

        JsonNode schedule = http.getAs(officer, "/api/v2/report-schedules/" + id).json().get("data");
        assertThat(schedule.get("type").asText()).isEqualTo("medicine-registry");
        assertThat(schedule.get("format").asText()).isEqualTo("pdf");
    }

    @Test
    void ownersSeeAndDeleteOnlyTheirOwnSchedules() throws Exception {
        String id = created(officer, """
                {"type":"signals","format":"csv","cron":"@monthly"}""");
        String cairoAdmin = Demo.CAIRO_ADMIN.login(http);
        assertThat(http.getAs(cairoAdmin, "/api/v2/report-schedules/" + id).status()).isEqualTo(404);
        assertThat(http.method("DELETE", "/api/v2/report-schedules/" + id, "Authorization", Http.bearer(cairoAdmin)).status())
                .isEqualTo(404);
        assertThat(http.getAs(cairoAdmin, "/api/v2/report-schedules").json().get("data").findValuesAsText("id"))
                .doesNotContain(id);
        assertThat(http.method("DELETE", "/api/v2/report-schedules/" + id, "Authorization", Http.bearer(officer)).status())
                .isEqualTo(204);
        assertThat(http.getAs(officer, "/api/v2/report-schedules/" + id).status()).isEqualTo(404);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'report_schedule.deleted' AND entity_id = '"
                + id + "'")).isEqualTo(1);
    }

    List<String[]> emails(String requestId) throws Exception {
        List<String[]> emails = new ArrayList<>();
        try (Connection c = APP.superuser(); PreparedStatement select = c.prepareStatement(
                "SELECT recipient, subject, body_text FROM email_outbox WHERE body_text LIKE ? ORDER BY recipient")) {
            select.setString(1, "%" + requestId + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    emails.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
        }
        return emails;
    }
}
