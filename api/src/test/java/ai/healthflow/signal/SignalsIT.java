package ai.healthflow.signal;

import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.signal.NewSignal;
import ai.healthflow.batch.signal.SignalRunSummary;
import ai.healthflow.notification.Notifier;
import ai.healthflow.platform.db.Db;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals end to end: reports submitted by clinicians, the signal-detection job started through the batch API,
 * the list read by the regulator (fields, filters, order, pages, problems, permissions), new signals across two
 * runs and the officers' notifications. The tests build on each other, in order.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignalsIT {
    static final TestApp.Extension APP = TestApp.create();
    static final AtomicInteger REGISTRATION = new AtomicInteger(700);
    static final List<String> FIELDS = List.of("ingredient", "reaction", "a", "b", "c", "d", "prr", "prrLower95",
            "prrUpper95", "ror", "rorLower95", "rorUpper95", "chiSquare", "ic", "ic025", "signal", "isNew",
            "computedAt");

    Http http = APP.http();

    @Test
    @Order(1)
    void beforeAnyRunTheListIsEmpty() {
        Http.Response empty = http.getAs(Demo.OFFICER.login(http), "/api/v2/analytics/signals");
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json().get("data")).isEmpty();
        assertThat(empty.json().at("/meta/total").asLong()).isZero();
    }

    @Test
    @Order(2)
    void theRegulatorReadsEachPairWithItsCountsAndFigures() throws Exception {
        String officer = Demo.OFFICER.login(http);
        String signalex = medicine(officer, "Signalex", "signalexin");
        String benigna = medicine(officer, "Benigna", "benignol");
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        String pharmacist = Demo.PHARMACIST.login(http);
        submit(doctor, signalex, "Tremor");
        submit(pharmacist, signalex, "tremor"); // another tenant, another spelling: the same reaction
        submit(doctor, signalex, "Tremor");
        for (int i = 0; i < 8; i++) {
            submit(i % 2 == 0 ? doctor : pharmacist, benigna, "Headache");
        }
        long n = APP.count("SELECT count(*) FROM adverse_events");

        JsonNode run = runJob();
        assertThat(run.at("/results/reports").asLong()).isEqualTo(n);

        Http.Response list = http.getAs(officer, "/api/v2/analytics/signals?ingredient=SIGNALEXIN");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode pair = list.json().get("data").get(0);
        assertThat(list.json().get("data")).hasSize(1);
        List<String> names = new ArrayList<>();
        pair.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(FIELDS).contains("signalEvans", "signalRorIc", "runId", "ingredientId");
        assertThat(pair.get("ingredient").asText()).isEqualTo("signalexin");
        assertThat(pair.get("reaction").asText()).as("the most frequent spelling").isEqualTo("Tremor");
        // a = 3 tremor reports with signalexin, b = 0, c = 0 (nobody else reported tremor), d = N − 3
        assertThat(List.of(pair.get("a").asLong(), pair.get("b").asLong(), pair.get("c").asLong(), pair.get("d").asLong()))
                .containsExactly(3L, 0L, 0L, n - 3);
        // Haldane: PRR = (3.5/4) / (0.5/(N − 3 + 1))
        assertThat(pair.get("prr").asDouble()).isCloseTo((3.5 / 4) / (0.5 / (n - 2)), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pair.get("signal").asBoolean()).isTrue();
        assertThat(pair.get("signalEvans").asBoolean()).isTrue();
        assertThat(pair.get("isNew").asBoolean()).as("the first run: every signal is new").isTrue();
        assertThat(Instant.parse(pair.get("computedAt").asText())).isBefore(Instant.now().plusSeconds(1));

        // the reaction filter is case-insensitive too; the list puts signals first
        JsonNode byReaction = http.getAs(officer, "/api/v2/analytics/signals?reaction=TREMOR").json().get("data");
        assertThat(byReaction).hasSize(1);
        assertThat(byReaction.get(0).get("ingredient").asText()).isEqualTo("signalexin");
        JsonNode all = http.getAs(officer, "/api/v2/analytics/signals?size=100").json();
        assertThat(all.at("/meta/total").asLong()).isEqualTo(all.get("data").size()).isGreaterThanOrEqualTo(2);
        List<Boolean> signalsFirst = new ArrayList<>();
        all.get("data").forEach(row -> signalsFirst.add(row.get("signal").asBoolean()));
        assertThat(signalsFirst).isSortedAccordingTo((x, y) -> Boolean.compare(y, x));
        JsonNode onlySignals = http.getAs(officer, "/api/v2/analytics/signals?onlySignals=true&size=100").json();
        onlySignals.get("data").forEach(row -> assertThat(row.get("signal").asBoolean()).isTrue());
        assertThat(onlySignals.at("/meta/total").asLong()).isEqualTo(onlySignals.get("data").size());
        JsonNode page = http.getAs(officer, "/api/v2/analytics/signals?size=1&page=2&sort=a,desc").json();
        assertThat(page.get("data")).hasSize(1);
        assertThat(page.at("/meta/totalPages").asLong()).isEqualTo(all.at("/meta/total").asLong());

        // the officers were told, in both languages
        JsonNode inbox = http.send(http.request("/api/v2/notifications", "Authorization", Http.bearer(officer),
                "Accept-Language", "ar").GET()).json().get("data");
        JsonNode told = find(inbox, "signal.new");
        assertThat(told).as("a signal.new notification").isNotNull();
        assertThat(told.get("title").asText()).contains("إشارات سلامة دوائية جديدة");
        JsonNode english = find(http.getAs(officer, "/api/v2/notifications").json().get("data"), "signal.new");
        assertThat(english.get("body").asText()).contains("benignol – Headache (8 reports").contains("new signals");
        assertThat(APP.count("SELECT count(*) FROM notifications n JOIN memberships m USING (user_id, tenant_id) "
                + "WHERE n.kind = 'signal.new' AND m.role <> 'eda_officer'")).as("officers only").isZero();
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'signals.notified'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aSecondRunMarksOnlyTheSignalsThatAreNewSinceTheFirst() throws Exception {
        String officer = Demo.OFFICER.login(http);
        String novum = medicine(officer, "Novum", "novumab");
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        for (int i = 0; i < 3; i++) {
            submit(doctor, novum, "Alopecia");
        }
        long before = notifications();

        runJob();

        JsonNode fresh = http.getAs(officer, "/api/v2/analytics/signals?onlyNew=true").json();
        assertThat(fresh.get("data")).hasSize(1);
        assertThat(fresh.at("/meta/total").asLong()).isEqualTo(1);
        assertThat(fresh.at("/data/0/ingredient").asText()).isEqualTo("novumab");
        assertThat(fresh.at("/data/0/reaction").asText()).isEqualTo("Alopecia");
        JsonNode old = http.getAs(officer, "/api/v2/analytics/signals?ingredient=signalexin").json().at("/data/0");
        assertThat(old.get("signal").asBoolean()).isTrue();
        assertThat(old.get("isNew").asBoolean()).isFalse();
        assertThat(notifications()).as("one more notification per officer").isEqualTo(before + officers());

        // an earlier run stays readable by its id
        long firstRun = APP.count("SELECT min(id) FROM signal_runs");
        JsonNode first = http.getAs(officer, "/api/v2/analytics/signals?ingredient=signalexin&runId=" + firstRun).json();
        assertThat(first.at("/data/0/isNew").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void aRunIsNotifiedOnceHoweverOftenItsNotifyStepRuns() throws Exception {
        var dataSource = APP.database().dataSource();
        var notifications = new SignalNotifications(new Db(Jdbi.create(dataSource)), new Notifier(),
                new AuditLog(new AuditChain(APP.getConfiguration().security().auditKey()), Clock.systemUTC()),
                Clock.systemUTC());
        long runId = APP.count("INSERT INTO signal_runs (as_of, partitions, started_at, status, completed_at, reports, "
                + "pairs, signals, new_signals) VALUES (now(), 1, now(), 'completed', now(), 10, 5, 1, 1) RETURNING id");
        var summary = new SignalRunSummary(runId, Instant.now(), Instant.now(), 10, 5, 1, 1, null);
        var top = List.of(new NewSignal(null, "testol", "Rash", 4, 6.0, 2.1, 0.03, true, true));
        long before = notifications();

        notifications.newSignals(summary, top);
        notifications.newSignals(summary, top); // a restarted notify step

        assertThat(notifications()).isEqualTo(before + officers());
    }

    @Test
    @Order(5)
    void onlyTheRegulatorsAnalystsMayReadSignals() {
        assertThat(http.get("/api/v2/analytics/signals").status()).isEqualTo(401);
        Http.Response doctor = http.getAs(Demo.CAIRO_DOCTOR.login(http), "/api/v2/analytics/signals");
        assertThat(doctor.status()).isEqualTo(403);
        assertThat(doctor.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.getAs(Demo.CAIRO_ADMIN.login(http), "/api/v2/analytics/signals").status())
                .as("tenant:analytics:read does not reach national signals").isEqualTo(403);
        assertThat(http.getAs(Demo.VIEWER.login(http), "/api/v2/analytics/signals").status()).isEqualTo(403);
        assertThat(http.getAs(Demo.SUPER_ADMIN.login(http), "/api/v2/analytics/signals").status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void badParametersAreProblemsNamingTheParameter() {
        String officer = Demo.OFFICER.login(http);
        assertProblem(http.getAs(officer, "/api/v2/analytics/signals?onlySignals=maybe"), 400, "onlySignals");
        assertProblem(http.getAs(officer, "/api/v2/analytics/signals?onlyNew=1"), 400, "onlyNew");
        assertProblem(http.getAs(officer, "/api/v2/analytics/signals?runId=abc"), 400, "runId");
        assertProblem(http.getAs(officer, "/api/v2/analytics/signals?runId=0"), 400, "runId");
        assertProblem(http.getAs(officer, "/api/v2/analytics/signals?size=1000"), 400, "size");
        assertProblem(http.getAs(officer, "/api/v2/analytics/signals?sort=severity"), 400, "sort");
        assertProblem(http.getAs(officer, "/api/v2/analytics/signals?ingredient=" + "x".repeat(201)), 400, "ingredient");
        Http.Response unknownRun = http.getAs(officer, "/api/v2/analytics/signals?runId=999999");
        assertThat(unknownRun.status()).isEqualTo(404);
        assertThat(unknownRun.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.getAs(officer, "/api/v2/analytics/signals?ingredient=nosuchingredient").json().get("data"))
                .as("an unknown ingredient matches nothing").isEmpty();
    }

    // ---- helpers

    private static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(field);
    }

    private String medicine(String officer, String tradeName, String generic) {
        Http.Response created = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"SIG-%d","tradeNameEn":"%s","tradeNameAr":"دواء","genericNameEn":"%s",
                 "genericNameAr":"مادة","strength":"10 mg","dosageForm":"tablet","route":"oral","manufacturer":"Pharco"}"""
                .formatted(REGISTRATION.incrementAndGet(), tradeName, generic));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/data/id").asText();
    }

    private void submit(String token, String medicineId, String reaction) {
        Http.Response submitted = http.postAs(token, "/api/v2/adverse-events", """
                {"patient":{"initials":"SG","ageYears":40,"sex":"male"},
                 "suspectMedicines":[{"medicineId":"%s"}],
                 "reactions":[{"term":"%s","onsetDate":"2026-10-03","outcome":"recovering"}],
                 "seriousness":{"serious":false,"criteria":[]}}""".formatted(medicineId, reaction));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    }

    /** Starts signal-detection through the batch API (every report so far counts) and waits for its end. */
    private JsonNode runJob() throws Exception {
        String admin = Demo.SUPER_ADMIN.login(http);
        Http.Response started = http.postAs(admin, "/api/v2/batch/jobs/signal-detection/runs",
                "{\"parameters\":{\"asOf\":\"" + Instant.now() + "\"}}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().at("/data/id").asLong();
        JsonNode run = null;
        for (int i = 0; i < 600; i++) {
            run = http.getAs(admin, "/api/v2/batch/jobs/signal-detection/runs/" + id).json().get("data");
            if (!List.of("STARTING", "STARTED", "STOPPING").contains(run.get("status").asText())) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        return run;
    }

    private static JsonNode find(JsonNode notifications, String kind) {
        for (JsonNode n : notifications) {
            if (n.get("kind").asText().equals(kind)) {
                return n;
            }
        }
        return null;
    }

    private static long notifications() throws Exception {
        return APP.count("SELECT count(*) FROM notifications WHERE kind = 'signal.new'");
    }

    private static long officers() throws Exception {
        return APP.count("""
                SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id AND u.status = 'active'
                  JOIN tenants t ON t.id = m.tenant_id AND t.status = 'active' AND t.type = 'regulator'
                 WHERE m.role = 'eda_officer'""");
    }
}
