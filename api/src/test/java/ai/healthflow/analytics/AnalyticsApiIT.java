package ai.healthflow.analytics;

import ai.healthflow.batch.analytics.AnalyticsCalendar;
import ai.healthflow.batch.analytics.DailyFactsBuilder;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.healthflow.analytics.AnalyticsFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics endpoints through the whole application (real auth, Jersey, PostgreSQL): the scenario world of
 * {@link AnalyticsScenario} plus a prescription and a serious case in the demo's Cairo General Hospital, built by
 * the job's builder, then asked for by the regulator, Cairo General's tenant admin and a doctor.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;
    String officer;
    String tenantAdmin;
    AnalyticsScenario world;
    UUID cairoGeneral;
    UUID cairoGeneralRx;

    @BeforeAll
    void seedAndBuild() throws SQLException {
        world = new AnalyticsScenario(AnalyticsCalendar.today(Clock.systemUTC()).minusDays(40));
        try (Connection c = APP.superuser()) {
            world.seed(c);
            try (var r = c.createStatement().executeQuery("""
                    SELECT m.tenant_id, m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
                     WHERE u.email = 'doctor@cairo-general.demo'""")) {
                r.next();
                cairoGeneral = (UUID) r.getObject(1);
                UUID doctor = (UUID) r.getObject(2);
                var f = new AnalyticsFixture(c);
                cairoGeneralRx = f.prescription(cairoGeneral, doctor, at(world.d1, 11, 30), world.amox, 4, world.para, 1);
                f.adverseEvent(cairoGeneral, doctor, at(world.d2, 12, 0), new String[]{"death"}, new UUID[]{world.para});
            }
            build(c, world.d0, world.d1, world.d2);
        }
    }

    static void build(Connection c, LocalDate... days) throws SQLException {
        c.setAutoCommit(false);
        for (LocalDate day : days) {
            new DailyFactsBuilder().rebuild(c, day, null);
            c.commit();
        }
        c.setAutoCommit(true);
    }

    @BeforeEach
    void login() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
        tenantAdmin = Demo.CAIRO_ADMIN.login(http);
    }

    JsonNode get(String token, String path) {
        Http.Response response = http.getAs(token, path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json().path("data");
    }

    String week(String endpoint) {
        return "/api/v2/analytics/" + endpoint + "?timeRange=7d&to=" + world.d2;
    }

    /** group key → the named measure. */
    static Map<String, Long> by(JsonNode breakdown, String measure) {
        Map<String, Long> values = new LinkedHashMap<>();
        breakdown.path("groups").forEach(g -> values.put(g.path("key").asText(), g.path("measures").path(measure).asLong()));
        return values;
    }

    @Test
    void theRegulatorSeesSystemKpisOverAllTenantsWithTheirTrend() {
        JsonNode system = get(officer, week("system"));

        assertThat(system.path("scope").path("kind").asText()).isEqualTo("all");
        assertThat(system.path("period").path("from").asText()).isEqualTo(world.d2.minusDays(6).toString());
        assertThat(system.path("previousPeriod").path("to").asText()).isEqualTo(world.d2.minusDays(7).toString());
        JsonNode kpis = system.path("kpis");
        // d0 1, d1 5 + Cairo General's 1, d2 1 prescriptions; rx1 and rx2 dispensed since
        assertThat(kpis.path("prescriptionsIssued").path("value").asLong()).isEqualTo(8);
        assertThat(kpis.path("prescriptionsIssued").path("previous").asLong()).isZero();
        assertThat(kpis.path("prescriptionsIssued").path("change").asLong()).isEqualTo(8);
        assertThat(kpis.path("prescriptionsIssued").path("changePercent").isNull()).as("no previous").isTrue();
        assertThat(kpis.path("prescriptionsDispensed").path("value").asLong()).isEqualTo(2);
        assertThat(kpis.path("dispensingRate").path("value").asDouble()).isEqualTo(0.25);
        assertThat(kpis.path("prescriptionItems").path("value").asLong()).isEqualTo(12);
        assertThat(kpis.path("dispensings").path("value").asLong()).isEqualTo(2);
        assertThat(kpis.path("adverseEvents").path("value").asLong()).isEqualTo(4);
        assertThat(kpis.path("seriousAdverseEvents").path("value").asLong()).isEqualTo(3);
        assertThat(kpis.path("recallsOpened").path("value").asLong()).isEqualTo(2);
        assertThat(kpis.path("recallNotices").path("value").asLong()).isEqualTo(3);
        assertThat(kpis.path("recallAcknowledgements").path("value").asLong()).isEqualTo(2);
        assertThat(kpis.path("peakDailyActiveUsers").path("value").asLong()).as("d1: 3 in Cairo, 1 in Giza, 1 pharmacist").isEqualTo(5);
        assertThat(kpis.path("averageDailyActiveUsers").path("value").asDouble()).as("(5 + 1) / 7").isEqualTo(0.9);

        JsonNode series = system.path("series");
        assertThat(series.path("interval").asText()).isEqualTo("day");
        assertThat(series.path("points")).hasSize(7);
        JsonNode d1 = series.path("points").get(5);
        assertThat(d1.path("from").asText()).isEqualTo(world.d1.toString());
        assertThat(d1.path("prescriptionsIssued").asLong()).isEqualTo(6);
        assertThat(d1.path("adverseEvents").asLong()).isEqualTo(3);
        assertThat(d1.path("averageDailyActiveUsers").asDouble()).isEqualTo(5.0);
        assertThat(system.path("builtAt").asText()).isNotBlank();
    }

    @Test
    void everyTimeRangeHasItsLengthAndTrendInterval() {
        for (var expected : List.of(new Object[]{"7d", 7, "day", 7}, new Object[]{"30d", 30, "day", 30},
                new Object[]{"90d", 90, "week", -1}, new Object[]{"1y", 365, "week", -1})) {
            JsonNode system = get(officer, "/api/v2/analytics/system?timeRange=" + expected[0] + "&to=" + world.d2);
            LocalDate from = LocalDate.parse(system.path("period").path("from").asText());
            assertThat(from).as(expected[0].toString()).isEqualTo(world.d2.minusDays((int) expected[1] - 1));
            assertThat(system.path("series").path("interval").asText()).isEqualTo(expected[2]);
            if ((int) expected[3] > 0) {
                assertThat(system.path("series").path("points")).hasSize((int) expected[3]);
            }
            assertThat(system.path("kpis").path("prescriptionsIssued").path("value").asLong()).isEqualTo(8);
        }
        JsonNode byDefault = get(officer, "/api/v2/analytics/system");
        assertThat(byDefault.path("timeRange").asText()).isEqualTo("30d");
        assertThat(byDefault.path("period").path("to").asText()).as("yesterday in Cairo")
                .isEqualTo(AnalyticsCalendar.today(Clock.systemUTC()).minusDays(1).toString());
    }

    @Test
    void prescriptionsBreakDownByTimeGovernorateTenantMedicineAndAtcWithDistinctCounts() {
        JsonNode byDay = get(officer, week("prescriptions") + "&groupBy=day");
        assertThat(byDay.path("totals").path("prescriptionsIssued").asLong()).isEqualTo(8);
        assertThat(by(byDay, "prescriptionsIssued")).as("every day of the period, empty ones too").hasSize(7)
                .containsEntry(world.d0.toString(), 1L).containsEntry(world.d1.toString(), 6L).containsEntry(world.d2.toString(), 1L);

        JsonNode byMonth = get(officer, week("prescriptions") + "&groupBy=month");
        assertThat(byMonth.path("groups").get(0).path("from").asText()).isEqualTo(world.d2.minusDays(6).toString());
        assertThat(by(byMonth, "prescriptionsIssued").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
        JsonNode byWeek = get(officer, week("prescriptions") + "&groupBy=week");
        assertThat(by(byWeek, "prescriptionsIssued").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);

        JsonNode byGovernorate = get(officer, week("prescriptions") + "&groupBy=governorate");
        // Cairo: the scenario's hospital (2) and Cairo General (1); Giza 4 (d0, d1 x2, d2); the hospital without one 1
        assertThat(by(byGovernorate, "prescriptionsIssued")).containsExactly(Map.entry("Giza", 4L), Map.entry("Cairo", 3L),
                Map.entry("unknown", 1L));
        assertThat(by(byGovernorate, "dispensings")).containsEntry("Cairo", 2L);

        JsonNode byTenant = get(officer, week("prescriptions") + "&groupBy=tenant&limit=2");
        assertThat(byTenant.path("totalGroups").asInt()).isEqualTo(5);
        assertThat(byTenant.path("groups")).hasSize(2);
        assertThat(byTenant.path("groups").get(0).path("key").asText()).isEqualTo(world.giza.toString());
        assertThat(byTenant.path("groups").get(0).path("name").asText()).startsWith("Giza Clinic");

        JsonNode byMedicine = get(officer, week("prescriptions") + "&groupBy=medicine");
        assertThat(by(byMedicine, "prescriptionsIssued")).isEqualTo(Map.of(world.para.toString(), 6L,
                world.amox.toString(), 3L, world.coamox.toString(), 1L, world.noAtc.toString(), 1L,
                world.shortAtc.toString(), 1L));
        assertThat(byMedicine.path("groups").get(0).path("key").asText()).as("largest first").isEqualTo(world.para.toString());
        JsonNode amox = byMedicine.path("groups").get(1);
        assertThat(amox.path("name").asText()).startsWith("Amoxil");
        assertThat(amox.path("nameAr").asText()).isNotBlank();
        assertThat(amox.path("atcCode").asText()).isEqualTo("J01CA04");
        assertThat(amox.path("measures").path("quantityPrescribed").asLong()).isEqualTo(19);

        // rx1 names two J01 medicines: one J01 prescription; rx3 and rx4 are unclassified at level 2
        JsonNode atc1 = get(officer, week("prescriptions") + "&groupBy=atc1");
        assertThat(by(atc1, "prescriptionsIssued")).containsEntry("N", 6L).containsEntry("J", 3L)
                .containsEntry("A", 1L).containsEntry("unclassified", 1L);
        JsonNode atc2 = get(officer, week("prescriptions") + "&groupBy=atc2");
        assertThat(by(atc2, "prescriptionsIssued")).containsExactly(Map.entry("N02", 6L), Map.entry("J01", 3L),
                Map.entry("unclassified", 2L));
        assertThat(by(atc2, "prescriptionsDispensed")).containsEntry("J01", 2L).containsEntry("N02", 0L);
        assertThat(by(atc2, "itemsPrescribed")).containsEntry("J01", 4L);
        assertThat(atc2.path("groups").get(2).path("name").asText()).startsWith("Unclassified");
        JsonNode atc3 = get(officer, week("prescriptions") + "&groupBy=atc3");
        assertThat(by(atc3, "prescriptionsIssued")).containsEntry("J01C", 3L).containsEntry("N02B", 6L);
    }

    @Test
    void adverseEventsByMedicineCountCasesNamingItAsSuspectAndTotalsCarryTheCriteria() {
        JsonNode byMedicine = get(officer, week("adverse-events") + "&groupBy=medicine");
        JsonNode totals = byMedicine.path("totals");
        assertThat(totals.path("adverseEvents").asLong()).isEqualTo(4);
        assertThat(totals.path("serious").asLong()).isEqualTo(3);
        assertThat(totals.path("nonSerious").asLong()).isEqualTo(1);
        assertThat(totals.path("seriousRate").asDouble()).isEqualTo(0.75);
        assertThat(totals.path("seriousnessCriteria").path("death").asLong()).isEqualTo(2);
        assertThat(totals.path("seriousnessCriteria").path("hospitalisation").asLong()).isEqualTo(1);
        assertThat(by(byMedicine, "adverseEvents")).containsEntry(world.para.toString(), 2L)
                .containsEntry(world.amox.toString(), 1L).containsEntry(world.coamox.toString(), 1L)
                .containsEntry(world.noAtc.toString(), 1L);
        assertThat(byMedicine.path("groups").get(0).path("measures").path("seriousnessCriteria").isNull()).isTrue();

        // ae1 names two J01 suspects: one J01 case
        JsonNode atc2 = get(officer, week("adverse-events") + "&groupBy=atc2");
        assertThat(by(atc2, "adverseEvents")).containsEntry("J01", 1L).containsEntry("N02", 2L).containsEntry("unclassified", 1L);
        assertThat(by(atc2, "serious")).containsEntry("J01", 1L).containsEntry("N02", 1L);

        JsonNode byGovernorate = get(officer, week("adverse-events") + "&groupBy=governorate");
        assertThat(by(byGovernorate, "adverseEvents")).containsEntry("Cairo", 3L).containsEntry("Giza", 1L);
        assertThat(byGovernorate.path("groups").get(0).path("measures").path("seriousnessCriteria").path("death").asLong())
                .isEqualTo(1);
    }

    @Test
    void aTenantAdminSeesOnlyItsOwnTenant() {
        JsonNode system = get(tenantAdmin, week("system"));
        assertThat(system.path("scope").path("kind").asText()).isEqualTo("tenant");
        assertThat(system.path("scope").path("tenantId").asText()).isEqualTo(cairoGeneral.toString());
        assertThat(system.path("kpis").path("prescriptionsIssued").path("value").asLong()).isEqualTo(1);
        assertThat(system.path("kpis").path("adverseEvents").path("value").asLong()).isEqualTo(1);
        assertThat(system.path("kpis").path("recallNotices").path("value").asLong()).isZero();
        assertThat(system.path("kpis").path("recallsOpened").path("value").asLong()).as("recalls are national").isEqualTo(2);

        JsonNode byTenant = get(tenantAdmin, week("prescriptions") + "&groupBy=tenant");
        assertThat(by(byTenant, "prescriptionsIssued")).containsExactly(Map.entry(cairoGeneral.toString(), 1L));
        JsonNode byMedicine = get(tenantAdmin, week("prescriptions") + "&groupBy=medicine");
        assertThat(by(byMedicine, "prescriptionsIssued")).containsOnlyKeys(world.amox.toString(), world.para.toString());
        JsonNode aes = get(tenantAdmin, week("adverse-events") + "&groupBy=atc1");
        assertThat(by(aes, "adverseEvents")).containsExactly(Map.entry("N", 1L));
        JsonNode byGovernorate = get(tenantAdmin, week("adverse-events") + "&groupBy=governorate");
        assertThat(by(byGovernorate, "adverseEvents")).containsExactly(Map.entry("Cairo", 1L));
    }

    @Test
    void badValuesAreProblemsNamingTheParameter() {
        LocalDate tomorrow = AnalyticsCalendar.today(Clock.systemUTC()).plusDays(1);
        for (String[] bad : List.of(new String[]{"system?timeRange=2w", "timeRange"},
                new String[]{"prescriptions?groupBy=city", "groupBy"},
                new String[]{"adverse-events?to=2026-13-01", "to"},
                new String[]{"system?to=" + tomorrow, "to"},
                new String[]{"prescriptions?groupBy=medicine&limit=0", "limit"},
                new String[]{"prescriptions?limit=501", "limit"},
                new String[]{"adverse-events?limit=ten", "limit"})) {
            Http.Response response = http.getAs(officer, "/api/v2/analytics/" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(response.json().path("detail").asText()).contains(bad[1]);
        }
    }

    @Test
    void aDoctorIsForbiddenAndAnAnonymousCallerUnauthorised() {
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        for (String endpoint : List.of("system", "prescriptions", "adverse-events")) {
            assertThat(http.getAs(doctor, "/api/v2/analytics/" + endpoint).status()).as(endpoint).isEqualTo(403);
            Http.Response anonymous = http.get("/api/v2/analytics/" + endpoint);
            assertThat(anonymous.status()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheWhileNoDayIsRebuilt() throws SQLException {
        String path = week("prescriptions") + "&groupBy=day";
        long before = by(get(officer, path), "prescriptionsIssued").get(world.d0.toString());

        // facts changed behind the job's back (no build recorded): an answer read from the tables would show it
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("""
                    SELECT set_config('app.all_tenants', 'on', false);
                    UPDATE analytics_daily_tenant SET prescriptions = prescriptions + 100 WHERE day = DATE '%1$s';
                    UPDATE analytics_daily_national SET prescriptions = prescriptions + 100,
                           prescriptions_atc1 = prescriptions_atc1 + 100 WHERE day = DATE '%1$s';
                    """.formatted(world.d0));
        }
        try {
            assertThat(by(get(officer, path), "prescriptionsIssued").get(world.d0.toString())).as("cached").isEqualTo(before);
        } finally {
            try (Connection c = APP.superuser()) { // rebuilt from the sources: the facts as the other tests expect them
                build(c, world.d0);
            }
        }
        assertThat(by(get(officer, path), "prescriptionsIssued").get(world.d0.toString())).isEqualTo(before);
    }

    @Test
    void aRebuiltDayIsNotAnsweredFromTheCache() throws SQLException {
        String path = week("prescriptions") + "&groupBy=day";
        long before = by(get(officer, path), "prescriptionsIssued").get(world.d0.toString());
        assertThat(by(get(officer, path), "prescriptionsIssued").get(world.d0.toString())).as("cached").isEqualTo(before);

        try (Connection c = APP.superuser()) {
            new AnalyticsFixture(c).prescription(world.giza, world.gizaDoctor, at(world.d0, 9, 0), world.para, 2);
            build(c, world.d0);
        }

        assertThat(by(get(officer, path), "prescriptionsIssued").get(world.d0.toString())).isEqualTo(before + 1);
        try (Connection c = APP.superuser()) { // leave the world as the other tests expect it
            c.createStatement().execute("DELETE FROM prescriptions WHERE issued_at = '" + at(world.d0, 9, 0) + "'");
            build(c, world.d0);
        }
    }
}
