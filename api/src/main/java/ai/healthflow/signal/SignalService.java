package ai.healthflow.signal;

import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.instant;

/**
 * Reads the results of the signal-detection runs. The figures are national (every tenant's reports), computed by
 * the batch job; nothing here writes.
 */
public final class SignalService {
    static final int MAX_INGREDIENT = 200;
    static final int MAX_REACTION = 250;
    private static final Map<String, String> SORTABLE = Map.of(
            "a", "r.a", "prr", "r.prr", "ror", "r.ror", "rorLower95", "r.ror_lower95", "chiSquare", "coalesce(r.chi_square, -1)",
            "ic", "r.ic", "ic025", "r.ic025", "ingredient", "lower(i.name_en)", "reaction", "r.reaction_key");
    /** Signals first, the most reported first, then the strongest; name order makes it total. */
    private static final String DEFAULT_ORDER = "r.signal DESC, r.a DESC, r.prr DESC";
    private static final String TIE_BREAK = "lower(i.name_en), r.reaction_key";

    private final Db db;

    public SignalService(Db db) {
        this.db = db;
    }

    /** What the list asks for; null text filters and null runId mean "any" and "the latest completed run". */
    public record Query(String ingredient, String reaction, boolean onlySignals, boolean onlyNew, Long runId) {
    }

    private record Run(long id, Instant asOf, Instant completedAt, long pairs, long signals, long newSignals) {
    }

    /**
     * @throws InvalidParameter (400) for a filter too long to match anything or an unknown sort field
     * @throws SignalRunNotFound (404) when {@code runId} names no completed run
     */
    public Page<SignalView> list(Query query, PageRequest page) {
        if (query.ingredient() != null && query.ingredient().length() > MAX_INGREDIENT) {
            throw new InvalidParameter("ingredient", "must be at most " + MAX_INGREDIENT + " characters");
        }
        if (query.reaction() != null && query.reaction().length() > MAX_REACTION) {
            throw new InvalidParameter("reaction", "must be at most " + MAX_REACTION + " characters");
        }
        String orderBy = (page.sort() == null ? DEFAULT_ORDER : page.orderBy(SORTABLE, DEFAULT_ORDER)) + ", " + TIE_BREAK;
        return db.acrossTenants(handle -> {
            Optional<Run> found = run(handle, query.runId());
            if (found.isEmpty()) {
                if (query.runId() != null) {
                    throw new SignalRunNotFound(query.runId());
                }
                return new Page<>(List.of(), page, 0); // no run has completed yet
            }
            Run run = found.get();
            // conditions are fixed SQL fragments; the client's text is only ever bound
            List<String> conditions = new ArrayList<>(List.of("r.run_id = :run"));
            Map<String, Object> binds = new HashMap<>();
            binds.put("run", run.id());
            if (query.ingredient() != null) {
                conditions.add("r.ingredient_id IN (SELECT id FROM ingredients WHERE lower(name_en) = lower(:ingredient))");
                binds.put("ingredient", query.ingredient());
            }
            if (query.reaction() != null) {
                conditions.add("r.reaction_key = lower(:reaction)");
                binds.put("reaction", query.reaction());
            }
            if (query.onlySignals()) {
                conditions.add("r.signal");
            }
            if (query.onlyNew()) {
                conditions.add("r.signal AND r.is_new"); // new implies signal: the order index applies
            }
            String where = " WHERE " + String.join(" AND ", conditions);
            long total;
            if (query.ingredient() == null && query.reaction() == null) {
                // the run keeps its totals: no count over millions of pairs for the unfiltered list
                total = query.onlyNew() ? run.newSignals() : query.onlySignals() ? run.signals() : run.pairs();
            } else {
                total = handle.createQuery("SELECT count(*) FROM signal_results r" + where).bindMap(binds)
                        .mapTo(Long.class).one();
            }
            List<SignalView> items = handle.createQuery("""
                            SELECT r.*, i.name_en
                              FROM signal_results r
                              JOIN ingredients i ON i.id = r.ingredient_id
                            """ + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bindMap(binds)
                    .bind("limit", page.size())
                    .bind("offset", page.offset())
                    .map((rs, ctx) -> view(rs, run))
                    .list();
            return new Page<>(items, page, total);
        });
    }

    private static Optional<Run> run(Handle handle, Long runId) {
        return handle.createQuery("""
                        SELECT id, as_of, completed_at, pairs, signals, new_signals FROM signal_runs
                         WHERE status = 'completed' AND (CAST(:id AS bigint) IS NULL OR id = CAST(:id AS bigint))
                         ORDER BY as_of DESC, id DESC LIMIT 1
                        """)
                .bind("id", runId)
                .map((rs, ctx) -> new Run(rs.getLong("id"), instant(rs, "as_of"), instant(rs, "completed_at"),
                        rs.getLong("pairs"), rs.getLong("signals"), rs.getLong("new_signals")))
                .findOne();
    }

    private static SignalView view(ResultSet rs, Run run) throws SQLException {
        long b = rs.getLong("b");
        long c = rs.getLong("c");
        long d = rs.getLong("d");
        return new SignalView(rs.getString("name_en"), rs.getString("reaction"), rs.getLong("a"), b, c, d,
                number(rs, "prr"), number(rs, "prr_lower95"), number(rs, "prr_upper95"), number(rs, "ror"),
                number(rs, "ror_lower95"), number(rs, "ror_upper95"), number(rs, "chi_square"), number(rs, "ic"),
                number(rs, "ic025"), rs.getBoolean("signal"), rs.getBoolean("is_new"), run.completedAt(),
                rs.getObject("ingredient_id", UUID.class), rs.getBoolean("signal_evans"),
                rs.getBoolean("signal_ror_ic"), b == 0 || c == 0 || d == 0, run.id(), run.asOf());
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

}
