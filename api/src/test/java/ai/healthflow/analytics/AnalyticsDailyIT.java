package ai.healthflow.analytics;

import ai.healthflow.batch.analytics.AnalyticsCalendar;
import ai.healthflow.batch.analytics.AnalyticsDailyJob;
import ai.healthflow.batch.analytics.DailyFactsBuilder;
import ai.healthflow.batch.analytics.DayPlanner;
import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.BatchSettings;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * analytics-daily over a real PostgreSQL with every migration: exact facts for a known world, the incremental rule
 * (only changed days are rebuilt, proven by changing source rows), idempotence, the ordering that keeps concurrent
 * changes, and runs through the batch engine including the resumption of a failed run. The job connects as the
 * service does (healthflow_app, row-level security on).
 */
class AnalyticsDailyIT {
    TestPostgres.Database database;
    DataSource app;
    AnalyticsScenario world;
    BatchEngine engine;
    final DailyFactsBuilder builder = new DailyFactsBuilder();
    final DayPlanner planner = new DayPlanner();

    @BeforeEach
    void seed() throws SQLException {
        database = TestPostgres.freshDatabase();
        app = new AppRoleDataSource(database);
        world = new AnalyticsScenario(AnalyticsCalendar.today(Clock.systemUTC()).minusDays(40));
        try (Connection c = database.connect()) {
            world.seed(c);
        }
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    void rebuild(LocalDate... days) throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            for (LocalDate day : days) {
                builder.rebuild(c, day, null);
                c.commit();
            }
        }
    }

    List<LocalDate> plan() throws SQLException {
        try (Connection c = app.getConnection()) {
            return planner.changedOrUnbuilt(c);
        }
    }

    /** Plans and builds like a run without parameters; returns the days it built. */
    List<LocalDate> incrementalRun() throws SQLException {
        List<LocalDate> days = plan();
        rebuild(days.toArray(LocalDate[]::new));
        return days;
    }

    List<String> facts(LocalDate day) throws SQLException {
        try (Connection c = database.connect()) {
            return world.actual(c, day);
        }
    }

    long query(String sql, Object... args) throws SQLException {
        try (Connection c = database.connect(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    void exec(String sql, Object... args) throws SQLException {
        try (Connection c = database.connect(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    /** Every fact row of the database, as text, in key order (for whole-table comparisons). */
    List<String> allRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect(); var r = c.createStatement().executeQuery(
                """
                SELECT t FROM (SELECT a::text AS t FROM analytics_daily_tenant a
                               UNION ALL SELECT a::text FROM analytics_daily_medicine a
                               UNION ALL SELECT a::text FROM analytics_daily_national a) rows ORDER BY t
                """)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    Map<LocalDate, Long> buildSeqs() throws SQLException {
        Map<LocalDate, Long> seqs = new LinkedHashMap<>();
        try (Connection c = database.connect(); var r = c.createStatement().executeQuery(
                "SELECT day, build_seq FROM analytics_days ORDER BY day")) {
            while (r.next()) {
                seqs.put(r.getDate(1).toLocalDate(), r.getLong(2));
            }
        }
        return seqs;
    }

    @Test
    void buildsExactCountsPerDayTenantGovernorateMedicineAndAtcRollups() throws SQLException {
        rebuild(world.d0, world.d1, world.d2);

        for (LocalDate day : List.of(world.d0, world.d1, world.d2)) {
            assertThat(facts(day)).as("facts of %s", day).containsExactlyInAnyOrderElementsOf(world.expected(day));
            try (Connection c = database.connect()) {
                assertThat(world.actualNational(c, day)).as("national rows of %s", day)
                        .containsExactlyInAnyOrderElementsOf(world.expectedNational(day));
            }
        }
        // d1: 4 tenant rows, 7 tenant × medicine rows, 5 national rows
        assertThat(query("SELECT fact_rows FROM analytics_days WHERE day = ?", world.d1)).isEqualTo(4 + 7 + 5);
    }

    @Test
    void theCalendarFunctionsAgreeWithJavaAcrossSummerTime() throws SQLException {
        // Egypt's summer time starts on the last Friday of April and ends on the last Thursday of October
        for (String instant : List.of("2026-04-23T21:59:59Z", "2026-04-23T22:00:00Z", "2026-04-24T21:00:00Z",
                "2026-10-29T20:59:59Z", "2026-10-29T21:00:00Z", "2026-10-29T22:00:00Z", "2026-01-15T21:59:59Z",
                "2026-01-15T22:00:00Z")) {
            Instant t = Instant.parse(instant);
            try (Connection c = database.connect(); var s = c.prepareStatement("SELECT hf_analytics_day(?), hf_analytics_day_start(hf_analytics_day(?))")) {
                s.setObject(1, java.sql.Timestamp.from(t));
                s.setObject(2, java.sql.Timestamp.from(t));
                try (var r = s.executeQuery()) {
                    r.next();
                    LocalDate day = r.getDate(1).toLocalDate();
                    assertThat(day).as(instant).isEqualTo(AnalyticsCalendar.day(t));
                    assertThat(r.getTimestamp(2).toInstant()).as(instant).isEqualTo(AnalyticsCalendar.start(day));
                }
            }
        }
    }

    @Test
    void aFirstRunBuildsTheDaysThatHoldDataAndASecondRunBuildsNothing() throws SQLException {
        assertThat(plan()).containsExactly(world.d2, world.d1, world.d0);

        incrementalRun();

        assertThat(plan()).as("nothing changed since").isEmpty();
        assertThat(facts(world.d1)).containsExactlyInAnyOrderElementsOf(world.expected(world.d1));
    }

    @Test
    void onlyTheDayOfAChangedSourceRowIsRebuilt() throws SQLException {
        incrementalRun();
        Map<LocalDate, Long> before = buildSeqs();

        // the Giza clinic's d1 prescription: 3 → 11 of the medicine without an ATC code
        exec("UPDATE prescription_items SET quantity = 11 WHERE prescription_id = ? AND medicine_id = ?", world.rx3, world.noAtc);
        assertThat(plan()).containsExactly(world.d1);
        assertThat(incrementalRun()).containsExactly(world.d1);

        Map<LocalDate, Long> after = buildSeqs();
        assertThat(after.get(world.d0)).isEqualTo(before.get(world.d0));
        assertThat(after.get(world.d2)).isEqualTo(before.get(world.d2));
        assertThat(after.get(world.d1)).isGreaterThan(before.get(world.d1));
        assertThat(facts(world.d1)).contains("giza|0|*|Giza|-/-/-|rx=2 items=3 qty=16 ae=1 serious=1 death=1 users=1",
                "giza|4|noatc|Giza|_/_/_|rx=1 items=1 qty=11 ae=1 serious=1");
        assertThat(facts(world.d0)).containsExactlyInAnyOrderElementsOf(world.expected(world.d0));
    }

    @Test
    void aLateDispensingMarksBothTheIssueDayAndTheDispensingDay() throws SQLException {
        incrementalRun();

        // rx3 (issued d1 in Giza) is dispensed on d2: d1's cohort (prescriptions dispensed) and d2's activity change
        try (Connection c = database.connect()) {
            new AnalyticsFixture(c).dispense(world.rx3, world.pharmacy, world.pharmacist, AnalyticsFixture.at(world.d2, 18, 0),
                    world.para, 1);
        }
        assertThat(plan()).containsExactly(world.d2, world.d1);
        incrementalRun();

        assertThat(facts(world.d1)).contains("giza|0|*|Giza|-/-/-|rx=2 rxDisp=1 items=3 qty=8 itemsDisp=1 qtyDisp=1 ae=1 serious=1 death=1 users=1");
        assertThat(facts(world.d2)).contains("pharmacy|4|para|Cairo|N/N02/N02B|dispensings=1 dispItems=1 dispQty=1 notices=1 acks=1");
    }

    @Test
    void aFollowUpChangingSeriousnessRebuildsTheDayTheCaseWasFirstReceived() throws SQLException {
        incrementalRun();

        try (Connection c = database.connect()) {
            new AnalyticsFixture(c).followUp(world.ae2, 2, world.cairo, world.nurse, Instant.now(),
                    new String[]{"disability"}, world.para);
        }
        assertThat(plan()).containsExactly(world.d1);
        incrementalRun();

        assertThat(facts(world.d1)).contains("cairo|4|para|Cairo|N/N02/N02B|rx=1 items=1 qty=2 ae=1 serious=1",
                "cairo|0|*|Cairo|-/-/-|rx=2 rxDisp=2 items=4 qty=37 itemsDisp=3 qtyDisp=35 ae=2 serious=2 lifeThreatening=1 hosp=1 disability=1 notices=1 users=3");
    }

    @Test
    void aNewGovernorateOrAtcCodeRebuildsTheDaysHoldingThatTenantOrMedicine() throws SQLException {
        incrementalRun();

        exec("UPDATE tenants SET governorate = 'Alexandria' WHERE id = ?", world.giza);
        assertThat(plan()).containsExactly(world.d2, world.d1, world.d0);
        incrementalRun();
        assertThat(facts(world.d0)).allSatisfy(line -> assertThat(line).contains("|Alexandria|"));

        exec("UPDATE medicines SET atc_code = 'B01AC06' WHERE id = ?", world.noAtc);
        assertThat(plan()).containsExactly(world.d1);
        incrementalRun();
        assertThat(facts(world.d1)).contains("giza|1|B|Alexandria|B/-/-|rx=1 items=1 qty=3 ae=1 serious=1",
                        "giza|3|B01A|Alexandria|B/B01/B01A|rx=1 items=1 qty=3 ae=1 serious=1")
                .noneMatch(line -> line.startsWith("giza|1|_|"));
    }

    @Test
    void rebuildingADayAgainGivesIdenticalRows() throws SQLException {
        incrementalRun();
        List<String> first = allRows();

        rebuild(world.d1, world.d0, world.d2, world.d1);

        assertThat(allRows()).isEqualTo(first);
    }

    @Test
    void theOwnersDirectCopyAndTheServiceRolesDetourWriteTheSameRows() throws SQLException {
        rebuild(world.d0, world.d1, world.d2); // as healthflow_app: row-level security on, through temporary tables
        List<String> asApp = allRows();
        try (Connection owner = database.connect()) { // the engine's pool: the owner, COPY straight into the tables
            owner.setAutoCommit(false);
            for (LocalDate day : List.of(world.d0, world.d1, world.d2)) {
                builder.rebuild(owner, day, null);
                owner.commit();
            }
        }
        assertThat(allRows()).isEqualTo(asApp).isNotEmpty();
    }

    @Test
    void aTransactionMarksEachDayOnceAndARolledBackSavepointTakesItsMarkAlong() throws SQLException {
        incrementalRun();
        LocalDate day = world.d0.minusDays(5);
        try (Connection writer = database.connect()) {
            writer.setAutoCommit(false);
            var f = new AnalyticsFixture(writer);
            UUID rx = f.prescription(world.giza, world.gizaDoctor, AnalyticsFixture.at(day, 10, 0), world.para, 2, world.amox, 1);
            f.dispense(rx, world.pharmacy, world.pharmacist, AnalyticsFixture.at(day, 11, 0), world.para, 2, world.amox, 1);
            var savepoint = writer.setSavepoint();
            f.prescription(world.giza, world.gizaDoctor, AnalyticsFixture.at(day.minusDays(1), 10, 0), world.para, 1);
            writer.rollback(savepoint);
            writer.commit();
        }
        // a prescription, its items, a dispensing, its items and two item updates: one mark for the day
        assertThat(query("SELECT count(*) FROM analytics_dirty_days WHERE day = ?", day)).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM analytics_dirty_days WHERE day = ?", day.minusDays(1))).isZero();
        assertThat(plan()).containsExactly(day);
    }

    @Test
    void aChangeCommittedWhileTheDayIsBuiltKeepsItsMarkAndIsBuiltNextTime() throws SQLException {
        incrementalRun();

        try (Connection writer = database.connect()) {
            writer.setAutoCommit(false);
            try (var s = writer.prepareStatement("UPDATE prescription_items SET quantity = 30 WHERE prescription_id = ? AND medicine_id = ?")) {
                s.setObject(1, world.rx5);
                s.setObject(2, world.para);
                s.executeUpdate();
            }
            rebuild(world.d1); // runs while the writer's change (and its mark) is not committed
            writer.commit();
        }

        assertThat(facts(world.d1)).as("built without the uncommitted change")
                .contains("giza|4|para|Giza|N/N02/N02B|rx=2 items=2 qty=5");
        assertThat(plan()).as("the writer's mark survived the build").containsExactly(world.d1);
        incrementalRun();
        assertThat(facts(world.d1)).contains("giza|4|para|Giza|N/N02/N02B|rx=2 items=2 qty=31");
    }

    @Test
    void aDayBuiltBeforeItEndedIsBuiltAgainUntilBuiltAfterTheGrace() throws SQLException {
        incrementalRun();
        // pretend d1 was last built during d1 (as the nightly run builds today): it stays open
        exec("UPDATE analytics_days SET built_at = hf_analytics_day_start(day) + interval '20 hours' WHERE day = ?", world.d1);
        assertThat(plan()).containsExactly(world.d1);
        exec("UPDATE analytics_days SET built_at = hf_analytics_day_start(day + 1) + interval '59 minutes' WHERE day = ?", world.d1);
        assertThat(plan()).as("within the hour after the day ended").containsExactly(world.d1);
        exec("UPDATE analytics_days SET built_at = hf_analytics_day_start(day + 1) + interval '61 minutes' WHERE day = ?", world.d1);
        assertThat(plan()).isEmpty();
    }

    BatchEngine engine() {
        engine = new BatchEngine(app, Clock.systemUTC(), Path.of("target"),
                new BatchSettings("analytics-it", Duration.ofMillis(200), Duration.ofSeconds(1), 1, 2),
                List.of(new AnalyticsDailyJob()));
        return engine;
    }

    /**
     * Days written by the partitions. (JobRun.itemsWritten also adds the manager step, which Spring Batch gives the
     * sum of its partitions, so it counts every day twice for a partitioned job.)
     */
    static long daysBuilt(JobRun run) {
        return run.steps().stream().filter(s -> s.name().contains(":partition")).mapToLong(JobRun.Step::writeCount).sum();
    }

    @Test
    void theEngineRunsTheJobAcrossTwoPartitionsToTheExactFacts() throws Exception {
        JobRun run = engine().runToEnd(AnalyticsDailyJob.NAME, Map.of());

        assertThat(run.status()).as(String.valueOf(run.errors())).isEqualTo("COMPLETED");
        assertThat(daysBuilt(run)).as("three days built").isEqualTo(3);
        assertThat(run.results()).containsEntry("days", "3").containsEntry("newestDay", world.d2.toString())
                .containsEntry("oldestDay", world.d0.toString());
        assertThat(run.steps()).extracting(JobRun.Step::name)
                .contains("analytics-build-days", "analytics-build-day:partition0", "analytics-build-day:partition1");
        for (LocalDate day : List.of(world.d0, world.d1, world.d2)) {
            assertThat(facts(day)).containsExactlyInAnyOrderElementsOf(world.expected(day));
        }
        assertThat(query("SELECT count(*) FROM analytics_days WHERE job_execution_id = ?", run.id())).isEqualTo(3);

        JobRun again = engine.runToEnd(AnalyticsDailyJob.NAME, Map.of());
        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(daysBuilt(again)).as("nothing changed").isZero();
    }

    @Test
    void aFailedRunResumesWithTheRemainingDaysAndEndsWithTheUninterruptedResult() throws Exception {
        LocalDate from = world.d1.minusDays(4);
        LocalDate to = world.d2;
        // the uninterrupted result
        rebuild(DayPlanner.range(from, to).toArray(LocalDate[]::new));
        List<String> uninterrupted = allRows();
        exec("TRUNCATE analytics_daily_tenant, analytics_daily_medicine, analytics_daily_national, analytics_days");

        // six days dealt newest first into two partitions: [d2, d0, d1-3] and [d1, d1-2, d1-4]; the second
        // partition fails on its second day after committing its first
        LocalDate failing = world.d1.minusDays(2);
        exec("""
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.day = DATE '%s' THEN RAISE EXCEPTION 'planned failure on %s'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER fail_once BEFORE INSERT ON analytics_days FOR EACH ROW EXECUTE FUNCTION fail_once();
                """.formatted(failing, failing));
        Map<String, String> range = Map.of("from", from.toString(), "to", to.toString());
        JobRun failed = engine().runToEnd(AnalyticsDailyJob.NAME, range);

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.errors()).anySatisfy(e -> assertThat(e).startsWith("analytics-build-day:partition1"));
        assertThat(query("SELECT count(*) FROM analytics_days")).as("d2, d0, d1-3 and d1 committed").isEqualTo(4);

        exec("DROP TRIGGER fail_once ON analytics_days; DROP FUNCTION fail_once()");
        JobRun resumed = engine.runToEnd(AnalyticsDailyJob.NAME, range);

        assertThat(resumed.status()).as(String.valueOf(resumed.errors())).isEqualTo("COMPLETED");
        assertThat(resumed.restartOf()).isEqualTo(failed.id());
        assertThat(daysBuilt(resumed)).as("only the failed partition's two remaining days").isEqualTo(2);
        assertThat(query("SELECT count(*) FROM analytics_days WHERE job_execution_id = ?", failed.id())).isEqualTo(4);
        assertThat(query("SELECT count(*) FROM analytics_days WHERE job_execution_id = ?", resumed.id())).isEqualTo(2);
        assertThat(allRows()).isEqualTo(uninterrupted);
    }
}
