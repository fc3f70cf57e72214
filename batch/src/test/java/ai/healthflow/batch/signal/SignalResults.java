package ai.healthflow.batch.signal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs signal detection step by step without the engine, and reads back what a run stored. */
final class SignalResults {
    private SignalResults() {
    }

    /** One stored result row, as the tests compare them. */
    record Row(String ingredient, String reactionKey, String reaction, long a, long b, long c, long d, Double prr,
               Double prrLower95, Double prrUpper95, Double ror, Double rorLower95, Double rorUpper95, Double chiSquare,
               Double ic, Double ic025, boolean signalEvans, boolean signalRorIc, boolean signal, boolean isNew) {
    }

    /** Every step in order, partitions one after another. */
    static SignalRunSummary run(SignalDetection detection, Instant asOf, int partitions, int keepRuns) {
        SignalDetection.SignalRun run = detection.open(null, asOf, partitions);
        for (int part = 0; part < partitions; part++) {
            detection.countReports(run, part);
        }
        detection.analyzeStage();
        for (int part = 0; part < partitions; part++) {
            detection.scorePairs(run, part);
        }
        return detection.complete(run, keepRuns);
    }

    /** The run's rows by "ingredient name|reaction key". */
    static Map<String, Row> rows(DataSource db, long runId) throws SQLException {
        Map<String, Row> rows = new TreeMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT i.name_en, r.* FROM signal_results r JOIN ingredients i ON i.id = r.ingredient_id
                      WHERE r.run_id = %d
                     """.formatted(runId))) {
            while (rs.next()) {
                Row row = new Row(rs.getString("name_en"), rs.getString("reaction_key"), rs.getString("reaction"),
                        rs.getLong("a"), rs.getLong("b"), rs.getLong("c"), rs.getLong("d"), number(rs, "prr"),
                        number(rs, "prr_lower95"), number(rs, "prr_upper95"), number(rs, "ror"),
                        number(rs, "ror_lower95"), number(rs, "ror_upper95"), number(rs, "chi_square"),
                        number(rs, "ic"), number(rs, "ic025"), rs.getBoolean("signal_evans"),
                        rs.getBoolean("signal_ror_ic"), rs.getBoolean("signal"), rs.getBoolean("is_new"));
                rows.put(row.ingredient() + "|" + row.reactionKey(), row);
            }
        }
        return rows;
    }

    static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> strings(DataSource db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
