package ai.healthflow.batch.signal;

import ai.healthflow.batch.testing.ServiceDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static ai.healthflow.batch.signal.SignalResults.count;
import static ai.healthflow.batch.signal.SignalResults.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counting and the stored figures against reports whose 2×2 tables are worked out by hand, on PostgreSQL. */
class SignalDetectionIT {
    static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-07-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-08-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void countsEveryPairOnceperReportOverTheLatestVersionOfTheCountedReports() throws Exception {
        PGSimpleDataSource db = ServiceDatabase.fresh();
        var f = new ReportFixture(db);
        var panadol = f.medicine("Panadol", "paracetamol");
        var cocodamol = f.medicine("Co-codamol", "paracetamol", "codeine");
        var brufen = f.medicine("Brufen", "ibuprofen");
        var amoxil = f.medicine("Amoxil", "amoxicillin");

        // R1: the same reaction twice, in different case → one report for (paracetamol, rash)
        f.report(T, ReportFixture.Content.of(List.of(panadol), "Rash", "rash"));
        // R2: paracetamol through two suspect medicines → still one report for (paracetamol, rash); codeine too
        f.report(T, ReportFixture.Content.of(List.of(panadol, cocodamol), "Rash"));
        // R3
        f.report(T, ReportFixture.Content.of(List.of(brufen), "Nausea"));
        // R4: paracetamol only as a concomitant medicine → does not count for paracetamol
        f.report(T, new ReportFixture.Content(List.of(brufen), List.of(panadol), List.of("RASH")));
        // R5: version 1 said amoxicillin / nausea; the follow-up (before as_of) says paracetamol / hepatitis
        UUID r5 = f.report(T, ReportFixture.Content.of(List.of(amoxil), "Nausea"));
        f.followUp(r5, 2, T.plusSeconds(86_400), ReportFixture.Content.of(List.of(panadol), "Hepatitis"));
        // R6
        f.report(T, ReportFixture.Content.of(List.of(amoxil), "Diarrhoea"));
        // R7: received after as_of → not counted at all
        f.report(AS_OF.plusSeconds(1), ReportFixture.Content.of(List.of(panadol), "Rash"));
        // R8: version 1 before as_of (ibuprofen / rash), follow-up after it (ibuprofen / headache) → version 1 counts
        UUID r8 = f.report(T, ReportFixture.Content.of(List.of(brufen), "Rash"));
        f.followUp(r8, 2, AS_OF.plusSeconds(3600), ReportFixture.Content.of(List.of(brufen), "Headache"));

        var detection = new SignalDetection(db, CLOCK);
        SignalRunSummary summary = SignalResults.run(detection, AS_OF, 2, 7);
        Map<String, SignalResults.Row> rows = rows(db, summary.runId());

        // counted: R1 R2 R3 R4 R5 R6 R8 → N = 7
        // paracetamol reports: R1 R2 R5 (3); ibuprofen: R3 R4 R8 (3); codeine: R2 (1); amoxicillin: R6 (1)
        // rash: R1 R2 R4 R8 (4); nausea: R3 (1); hepatitis: R5 (1); diarrhoea: R6 (1)
        assertThat(summary.reports()).isEqualTo(7);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("paracetamol|rash", "codeine|rash", "paracetamol|hepatitis",
                "ibuprofen|nausea", "ibuprofen|rash", "amoxicillin|diarrhoea");
        assertThat(summary.pairs()).isEqualTo(6);
        // (paracetamol, rash): a = R1 R2 = 2, b = 3 − 2 = 1, c = 4 − 2 = 2, d = 7 − 5 = 2
        assertCounts(rows.get("paracetamol|rash"), 2, 1, 2, 2);
        // (codeine, rash): a = R2 = 1, b = 0, c = 4 − 1 = 3, d = 7 − 4 = 3
        assertCounts(rows.get("codeine|rash"), 1, 0, 3, 3);
        // (paracetamol, hepatitis): a = R5 = 1, b = 2, c = 0, d = 4
        assertCounts(rows.get("paracetamol|hepatitis"), 1, 2, 0, 4);
        // (ibuprofen, nausea): a = R3 = 1, b = 2 (R4, R8), c = 0 (R5's nausea was replaced), d = 4
        assertCounts(rows.get("ibuprofen|nausea"), 1, 2, 0, 4);
        // (ibuprofen, rash): a = R4 R8 = 2, b = 1, c = 2 (R1, R2), d = 2
        assertCounts(rows.get("ibuprofen|rash"), 2, 1, 2, 2);
        // (amoxicillin, diarrhoea): a = 1, b = 0 (R5's amoxicillin was replaced), c = 0, d = 6
        assertCounts(rows.get("amoxicillin|diarrhoea"), 1, 0, 0, 6);

        // reactions as stored, in their most frequent spelling: "Rash" ×4, "rash" ×1, "RASH" ×1
        assertThat(rows.get("paracetamol|rash").reaction()).isEqualTo("Rash");
        assertThat(rows.get("paracetamol|hepatitis").reaction()).isEqualTo("Hepatitis");

        // the figures are SignalStatistics' for the same counts, undefined ones stored as null
        SignalStatistics.Figures expected = SignalStatistics.compute(1, 0, 3, 3);
        SignalResults.Row codeine = rows.get("codeine|rash");
        assertThat(codeine.prr()).isEqualTo(expected.prr());
        assertThat(codeine.rorLower95()).isEqualTo(expected.rorLower95());
        assertThat(codeine.chiSquare()).isEqualTo(expected.chiSquare());
        assertThat(codeine.ic025()).isEqualTo(expected.ic025());
        // (amoxicillin, diarrhoea): b + d = 6 but a + c = 1 and c + d = 6: margins non-zero, χ² defined;
        // a table where every report has the reaction has none: see SignalStatisticsTest
        assertThat(rows.values()).allSatisfy(row -> assertThat(row.prr()).isNotNull().isPositive());

        // stage rows are gone once the run completed
        assertThat(count(db, "SELECT count(*) FROM signal_stage_pairs")).isZero();
        assertThat(summary.completedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aNewSignalIsOneThatWasNoSignalInThePreviousCompletedRun() throws Exception {
        PGSimpleDataSource db = ServiceDatabase.fresh();
        var f = new ReportFixture(db);
        var zeta = f.medicine("Zetamol", "zetamol");
        var ibu = f.medicine("Brufen", "ibuprofen");
        var wex = f.medicine("Wexan", "wexanib");
        // 20 reports ibuprofen / nausea and 3 zetamol / seizure: in so small a world both pairs are signals
        // (ibuprofen, nausea): a=20 b=0 c=0 d=3; (zetamol, seizure): a=3 b=0 c=0 d=20, PRR ≥ 2, χ² = 15.0 ≥ 4
        for (int i = 0; i < 20; i++) {
            f.report(T, ReportFixture.Content.of(List.of(ibu), "Nausea"));
        }
        for (int i = 0; i < 3; i++) {
            f.report(T, ReportFixture.Content.of(List.of(zeta), "Seizure"));
        }
        var detection = new SignalDetection(db, CLOCK);
        SignalRunSummary first = SignalResults.run(detection, AS_OF, 2, 7);
        assertThat(first.previousRunId()).isNull();
        assertThat(first.signals()).isEqualTo(2);
        assertThat(first.newSignals()).as("the first run has nothing to compare with: every signal is new").isEqualTo(2);

        // later: three reports of wexanib / tremor; the two earlier signals stay signals
        Instant later = AS_OF.plusSeconds(86_400);
        for (int i = 0; i < 3; i++) {
            f.report(later, ReportFixture.Content.of(List.of(wex), "Tremor"));
        }
        SignalRunSummary second = SignalResults.run(detection, later.plusSeconds(60), 2, 7);
        assertThat(second.previousRunId()).isEqualTo(first.runId());
        Map<String, SignalResults.Row> rows = rows(db, second.runId());
        assertThat(rows.get("wexanib|tremor").signal()).isTrue();
        assertThat(rows.get("wexanib|tremor").isNew()).isTrue();
        assertThat(rows.get("zetamol|seizure").signal()).isTrue();
        assertThat(rows.get("zetamol|seizure").isNew()).as("a signal in the previous run too").isFalse();
        assertThat(rows.get("ibuprofen|nausea").isNew()).isFalse();
        assertThat(second.newSignals()).isEqualTo(1);
        assertThat(detection.newSignals(second.runId(), 20)).singleElement().satisfies(s -> {
            assertThat(s.ingredient()).isEqualTo("wexanib");
            assertThat(s.reaction()).isEqualTo("Tremor");
            assertThat(s.a()).isEqualTo(3);
        });
        // the first run's results are unchanged by the second
        assertThat(rows(db, first.runId()).get("zetamol|seizure").isNew()).isTrue();
    }

    @Test
    void aRepeatedOrRolledBackPartitionEndsWithExactlyTheFiguresOfAnUninterruptedRun() throws Exception {
        var settings = new SyntheticReports.Settings(3_000, 40, 30, 7);
        Instant asOf = Instant.parse("2024-01-01T00:00:00Z");

        PGSimpleDataSource clean = ServiceDatabase.fresh();
        SyntheticReports.generate(clean, settings);
        SignalRunSummary uninterrupted = SignalResults.run(new SignalDetection(clean, CLOCK), asOf, 3, 7);

        PGSimpleDataSource interrupted = ServiceDatabase.fresh();
        SyntheticReports.generate(interrupted, settings);
        var detection = new SignalDetection(interrupted, CLOCK);
        SignalDetection.SignalRun run = detection.open(null, asOf, 3);
        detection.countReports(run, 0);
        detection.countReports(run, 1);
        detection.countReports(run, 0); // repeated after it had completed
        detection.countReports(run, 2);
        detection.analyzeStage();
        detection.scorePairs(run, 0);
        // partition 1 dies half-way: its transaction (as a tasklet step's would) rolls back
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(interrupted));
        transactions.executeWithoutResult(status -> {
            detection.scorePairs(run, 1);
            status.setRollbackOnly();
        });
        assertThat(count(interrupted, "SELECT count(*) FROM signal_results WHERE part = 1")).isZero();
        detection.scorePairs(run, 0); // repeated
        detection.scorePairs(run, 1);
        detection.scorePairs(run, 2);
        SignalRunSummary restarted = detection.complete(run, 7);
        detection.complete(run, 7); // repeated: changes nothing

        assertThat(rows(interrupted, restarted.runId())).isEqualTo(rows(clean, uninterrupted.runId()));
        assertThat(restarted.reports()).isEqualTo(uninterrupted.reports());
        assertThat(restarted.pairs()).isEqualTo(uninterrupted.pairs()).isPositive();
        assertThat(restarted.signals()).isEqualTo(uninterrupted.signals()).isPositive();
        assertThat(detection.summary(run.id()).orElseThrow().completedAt()).isEqualTo(restarted.completedAt());
    }

    @Test
    void agreesWithABruteForceCountOverSyntheticReports() throws Exception {
        PGSimpleDataSource db = ServiceDatabase.fresh();
        SyntheticReports.generate(db, new SyntheticReports.Settings(5_000, 60, 40, 11));
        // mid-way through the generated years: some reports come later, some follow-ups too
        Instant asOf = Instant.parse("2023-06-15T12:00:00Z");
        SignalRunSummary summary = SignalResults.run(new SignalDetection(db, CLOCK), asOf, 2, 7);

        BruteForce expected = BruteForce.count(db, asOf);
        Map<String, SignalResults.Row> rows = rows(db, summary.runId());
        assertThat(summary.reports()).isEqualTo(expected.reports).isBetween(1_000L, 4_500L);
        assertThat(rows.keySet()).isEqualTo(expected.a.keySet());
        for (var entry : rows.entrySet()) {
            String[] key = entry.getKey().split("\\|");
            long a = expected.a.get(entry.getKey());
            long b = expected.ingredients.get(key[0]) - a;
            long c = expected.reactions.get(key[1]) - a;
            assertThat(List.of(entry.getValue().a(), entry.getValue().b(), entry.getValue().c(), entry.getValue().d()))
                    .as(entry.getKey()).containsExactly(a, b, c, expected.reports - a - b - c);
        }
    }

    @Test
    void olderRunsKeepOnlyTheirSignals() throws Exception {
        PGSimpleDataSource db = ServiceDatabase.fresh();
        SyntheticReports.generate(db, new SyntheticReports.Settings(2_000, 30, 30, 3));
        var detection = new SignalDetection(db, CLOCK);
        SignalRunSummary first = SignalResults.run(detection, Instant.parse("2024-01-01T00:00:00Z"), 2, 2);
        SignalResults.run(detection, Instant.parse("2025-01-01T00:00:00Z"), 2, 2);
        assertThat(count(db, "SELECT count(*) FROM signal_results WHERE run_id = " + first.runId()))
                .as("within the two kept runs").isEqualTo(first.pairs());
        SignalResults.run(detection, Instant.parse("2026-01-01T00:00:00Z"), 2, 2);
        assertThat(count(db, "SELECT count(*) FROM signal_results WHERE run_id = " + first.runId()))
                .isEqualTo(first.signals()).isLessThan(first.pairs());
        assertThat(count(db, "SELECT count(*) FROM signal_results WHERE run_id = " + first.runId() + " AND NOT signal"))
                .isZero();
    }

    @Test
    void everyConnectionGoesBackToThePoolInAutoCommit() throws Exception {
        PGSimpleDataSource db = ServiceDatabase.fresh();
        SyntheticReports.generate(db, new SyntheticReports.Settings(500, 10, 10, 1));
        List<String> leftInTransaction = new ArrayList<>();
        var watched = new DelegatingDataSource(db) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close") && !connection.isClosed() && !connection.getAutoCommit()) {
                                leftInTransaction.add(new Throwable().getStackTrace()[2].toString());
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };

        SignalResults.run(new SignalDetection(watched, CLOCK), AS_OF, 2, 7);

        assertThat(leftInTransaction).as("a pooled connection out of auto-commit swallows the next user's work").isEmpty();
    }

    @Test
    void aPartitionOutsideTheRunIsRefused() throws Exception {
        PGSimpleDataSource db = ServiceDatabase.fresh();
        var detection = new SignalDetection(db, CLOCK);
        SignalDetection.SignalRun run = detection.open(null, AS_OF, 2);
        assertThatThrownBy(() -> detection.countReports(run, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> detection.scorePairs(run, 0))
                .as("stage 2 before stage 1").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 of 2 report partitions");
    }

    private static void assertCounts(SignalResults.Row row, long a, long b, long c, long d) {
        assertThat(row).as("pair missing").isNotNull();
        assertThat(List.of(row.a(), row.b(), row.c(), row.d())).as(row.ingredient() + "|" + row.reactionKey())
                .containsExactly(a, b, c, d);
    }

    /** The 2×2 margins counted in Java from the raw rows, independently of the job's SQL. */
    static final class BruteForce {
        long reports;
        final Map<String, Long> a = new HashMap<>();
        final Map<String, Long> ingredients = new HashMap<>();
        final Map<String, Long> reactions = new HashMap<>();

        static BruteForce count(PGSimpleDataSource db, Instant asOf) throws SQLException {
            var result = new BruteForce();
            Map<UUID, Integer> counted = new HashMap<>();
            Map<UUID, String> names = new HashMap<>();
            Map<String, Set<String>> suspects = new HashMap<>();   // "event|version" → ingredient names
            Map<String, Set<String>> terms = new HashMap<>();      // "event|version" → lower-case terms
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT id, name_en FROM ingredients")) {
                    while (rs.next()) {
                        names.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT event_id, version, received_at FROM adverse_event_versions")) {
                    while (rs.next()) {
                        if (!rs.getTimestamp(3).toInstant().isAfter(asOf)) {
                            counted.merge(rs.getObject(1, UUID.class), rs.getInt(2), Math::max);
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery(
                        "SELECT event_id, version, ingredient_ids FROM adverse_event_drugs WHERE role = 'suspect'")) {
                    while (rs.next()) {
                        Array ids = rs.getArray(3);
                        for (Object id : (Object[]) ids.getArray()) {
                            suspects.computeIfAbsent(rs.getString(1) + "|" + rs.getInt(2), k -> new HashSet<>())
                                    .add(names.get((UUID) id));
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT event_id, version, term FROM adverse_event_reactions")) {
                    while (rs.next()) {
                        terms.computeIfAbsent(rs.getString(1) + "|" + rs.getInt(2), k -> new HashSet<>())
                                .add(rs.getString(3).toLowerCase(Locale.ROOT));
                    }
                }
            }
            result.reports = counted.size();
            for (var report : counted.entrySet()) {
                String key = report.getKey() + "|" + report.getValue();
                Set<String> is = suspects.getOrDefault(key, Set.of());
                Set<String> rs = terms.getOrDefault(key, Set.of());
                is.forEach(i -> result.ingredients.merge(i, 1L, Long::sum));
                rs.forEach(r -> result.reactions.merge(r, 1L, Long::sum));
                for (String i : is) {
                    for (String r : rs) {
                        result.a.merge(i + "|" + r, 1L, Long::sum);
                    }
                }
            }
            return result;
        }
    }
}
