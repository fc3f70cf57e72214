package ai.healthflow.batch.report;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Renders one report to a file: the definition's query in its report transaction, the format's renderer, and a
 * temporary file beside the target ({@code .tmp-<name>}) moved into place atomically, so a reader finds the old file
 * or the new one and never half of one, and a second rendering replaces the first. Requested reports
 * ({@link ReportExport}) and the safety-summary job both write through it.
 */
public final class ReportWriter {
    /** The data scope shown on reports that read every tenant. */
    public static final Bilingual ALL_TENANTS = new Bilingual("All tenants", "جميع الجهات");

    /** Told how far a rendering has got: once with 0 when the row count is known, then every 2 % of the rows. */
    @FunctionalInterface
    public interface Progress {
        void rows(long done, long total);

        Progress NONE = (done, total) -> {
        };
    }

    /** A finished file. */
    public record Written(Path file, long rows, long sizeBytes) {
    }

    private final DataSource dataSource;
    private final ZoneId zone;
    private final String readRole;

    /**
     * @param zone     the zone timestamps are shown in
     * @param readRole the role report queries read as (row-level security as a second wall), or null
     */
    public ReportWriter(DataSource dataSource, ZoneId zone, String readRole) {
        this.dataSource = dataSource;
        this.zone = zone;
        this.readRole = readRole;
    }

    /**
     * @param tenantId the tenant whose rows the report holds, or null for every tenant
     * @param scope    whose data it is, as the cover says
     * @param target   the file to write; its directory is created when missing
     * @throws IOException        the file could not be written (the temporary file is removed)
     * @throws ReportQueryFailed  the query failed (the temporary file is removed)
     */
    public Written write(ReportDefinition definition, ParameterValues parameters, UUID tenantId, Bilingual scope,
                         ReportFormat format, ReportLanguage language, Instant generatedAt, Path target,
                         Progress progress) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temporary = target.resolveSibling(".tmp-" + target.getFileName());
        try {
            long rows;
            try (ReportQuery query = ReportQuery.open(dataSource, definition, parameters, tenantId, zone, readRole);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                long total = query.count();
                progress.rows(0, total);
                var context = new ReportContext(definition, language, parameters, generatedAt, zone, scope, total);
                rows = ReportRenderer.of(format).render(context, withProgress(query.rows(), total, progress), out);
            }
            move(temporary, target);
            return new Written(target, rows, Files.size(target));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Reports progress every 2 % (and at least every 5,000 rows when the total is unknown). */
    private static RowSource withProgress(RowSource rows, long total, Progress progress) {
        long step = total > 0 ? Math.max(1_000, total / 50) : 5_000;
        return handler -> rows.forEach(new RowHandler() {
            long done;

            @Override
            public void row(Object[] values) throws IOException {
                handler.row(values);
                if (++done % step == 0) {
                    progress.rows(done, total);
                }
            }
        });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING); // same directory: only exotic file systems
        }
    }
}
