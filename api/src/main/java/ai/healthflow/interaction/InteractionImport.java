package ai.healthflow.interaction;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.medicine.importing.CsvRowReader;
import ai.healthflow.medicine.importing.ImportFileUnreadable;
import ai.healthflow.medicine.importing.ImportRow;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The regulator's import of interactions: a CSV with the columns of the bundled {@code interactions.csv}, every row
 * validated, valid rows upserted by pair (either order), invalid rows reported with line, column and reason. One
 * transaction, so a failure midway leaves nothing half-imported; a dry run rolls back after validating. Imported
 * and changed rows become {@code origin = import}: the bundled file never overwrites them. Audited once
 * ({@code interaction.imported}) with the counts and the file's SHA-256.
 */
public final class InteractionImport {
    private final Db db;
    private final AuditLog audit;
    private final Clock clock;
    private final Path spool;

    /** @param spool where uploads are written before they are read (the body is never held in memory) */
    public InteractionImport(Db db, AuditLog audit, Clock clock, Path spool) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.spool = spool;
    }

    /** Spools the upload (so the transaction does not wait on a slow client), then imports it. */
    public InteractionImportReport run(Actor actor, InputStream body, boolean dryRun) {
        Path file = null;
        try {
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, "interactions-", ".csv");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(body, sha256)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            try (InputStream csv = Files.newInputStream(file)) {
                return run(actor, csv, dryRun, digest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; nothing reads it
                }
            }
        }
    }

    private InteractionImportReport run(Actor actor, InputStream csv, boolean dryRun, String sha256) {
        try {
            return db.acrossTenants(handle -> {
                var run = new Run(handle, actor);
                try {
                    new CsvRowReader(csv).read(InteractionImport::checkHeader, run::row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                InteractionImportReport report = run.report(dryRun);
                if (dryRun) {
                    throw new DryRunRollback(report); // leaves through the transaction: everything rolls back
                }
                var counts = new LinkedHashMap<String, Object>();
                counts.put("format", "csv");
                counts.put("sha256", sha256);
                counts.put("rows", report.counts().rows());
                counts.put("created", report.counts().created());
                counts.put("updated", report.counts().updated());
                counts.put("unchanged", report.counts().unchanged());
                counts.put("rejected", report.counts().rejected());
                audit.record(handle, actor, AuditEvent.of("interaction.imported", "interaction_import", sha256, null)
                        .withChanges(counts));
                return report;
            });
        } catch (DryRunRollback rollback) {
            return rollback.report;
        }
    }

    static void checkHeader(List<String> header) {
        List<FieldError> errors = new ArrayList<>();
        for (String column : InteractionRow.COLUMNS) {
            if (!header.contains(column)) {
                errors.add(new FieldError(column, "column missing from the header row"));
            }
        }
        for (String column : header) {
            if (!column.isEmpty() && !InteractionRow.COLUMNS.contains(column)) {
                errors.add(new FieldError(column, "unknown column"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportFileUnreadable("The header row must name these columns, in any order: "
                    + String.join(", ", InteractionRow.COLUMNS) + ".", errors);
        }
    }

    private static final class DryRunRollback extends RuntimeException {
        final InteractionImportReport report;

        DryRunRollback(InteractionImportReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    private record Stored(String severity, String descriptionEn, String descriptionAr, String managementEn,
                          String managementAr, String source) {
    }

    /** The state of one import while its rows stream by. */
    private final class Run {
        private final Handle handle;
        private final Actor actor;
        private final OffsetDateTime now = OffsetDateTime.now(clock);
        private final Map<List<String>, Integer> seen = new HashMap<>();
        private final List<InteractionImportReport.RowOutcome> created = new ArrayList<>();
        private final List<InteractionImportReport.RowOutcome> updated = new ArrayList<>();
        private final List<InteractionImportReport.RowOutcome> unchanged = new ArrayList<>();
        private final List<InteractionImportReport.Rejection> rejected = new ArrayList<>();
        private int rows;
        private int rejectedRows;

        Run(Handle handle, Actor actor) {
            this.handle = handle;
            this.actor = actor;
        }

        void row(ImportRow raw) {
            rows++;
            InteractionRow.Parsed parsed = InteractionRow.parse(raw);
            if (parsed.row() == null) {
                reject(parsed.problems());
                return;
            }
            InteractionRow row = parsed.row();
            Integer earlier = seen.putIfAbsent(List.of(row.first(), row.second()), row.line());
            if (earlier != null) {
                reject(List.of(new InteractionImportReport.Rejection(row.line(), "ingredient_b",
                        "this pair is already on line " + earlier + " of the file")));
                return;
            }
            var outcome = new InteractionImportReport.RowOutcome(row.line(), List.of(row.ingredientA(), row.ingredientB()));
            Optional<Stored> existing = handle.createQuery("""
                            SELECT severity, description_en, description_ar, management_en, management_ar, source
                              FROM drug_interactions WHERE ingredient_a = :a AND ingredient_b = :b FOR UPDATE
                            """)
                    .bind("a", row.first()).bind("b", row.second())
                    .map((rs, ctx) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)))
                    .findOne();
            if (existing.isEmpty()) {
                handle.createUpdate("""
                                INSERT INTO drug_interactions (ingredient_a, ingredient_b, severity, description_en,
                                       description_ar, management_en, management_ar, source, origin, updated_at, updated_by)
                                VALUES (:a, :b, :severity, :descriptionEn, :descriptionAr, :managementEn, :managementAr,
                                        :source, 'import', :now, :by)
                                """)
                        .bindMap(values(row)).bind("a", row.first()).bind("b", row.second())
                        .bind("now", now).bind("by", actor.userId())
                        .execute();
                created.add(outcome);
                return;
            }
            Stored s = existing.get();
            if (row.sameContent(s.severity(), s.descriptionEn(), s.descriptionAr(), s.managementEn(), s.managementAr(),
                    s.source())) {
                unchanged.add(outcome);
                return;
            }
            handle.createUpdate("""
                            UPDATE drug_interactions
                               SET severity = :severity, description_en = :descriptionEn, description_ar = :descriptionAr,
                                   management_en = :managementEn, management_ar = :managementAr, source = :source,
                                   origin = 'import', updated_at = :now, updated_by = :by
                             WHERE ingredient_a = :a AND ingredient_b = :b
                            """)
                    .bindMap(values(row)).bind("a", row.first()).bind("b", row.second())
                    .bind("now", now).bind("by", actor.userId())
                    .execute();
            updated.add(outcome);
        }

        private static Map<String, Object> values(InteractionRow row) {
            return Map.of("severity", row.severity(), "descriptionEn", row.descriptionEn(),
                    "descriptionAr", row.descriptionAr(), "managementEn", row.managementEn(),
                    "managementAr", row.managementAr(), "source", row.source());
        }

        private void reject(List<InteractionImportReport.Rejection> problems) {
            rejected.addAll(problems);
            rejectedRows++;
        }

        InteractionImportReport report(boolean dryRun) {
            return new InteractionImportReport(dryRun, new InteractionImportReport.Counts(rows, created.size(),
                    updated.size(), unchanged.size(), rejectedRows), created, updated, unchanged, rejected);
        }
    }
}
