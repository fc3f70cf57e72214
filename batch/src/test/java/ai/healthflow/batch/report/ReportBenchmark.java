package ai.healthflow.batch.report;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The report figures (bench/reports.sh): XLSX of N rows of the medicine registry (default 1,000,000) from the
 * real JDBC row stream over an embedded PostgreSQL, rows/s and heap (used after GC before and after, and the peak
 * seen while rendering); then PDF of about 1,000 table pages, seconds, in English and in Arabic.
 * Run it with a small -Xmx to show the memory is bounded: the run finishing at all is the proof.
 */
public final class ReportBenchmark {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        ReportDefinition registry = ReportCatalog.load().find("medicine-registry").orElseThrow();
        Path out = Files.createTempDirectory("report-bench");
        System.out.printf("max heap %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start()) {
            var dataSource = postgres.getPostgresDatabase();
            long load = System.nanoTime();
            try (Connection c = dataSource.getConnection()) {
                c.createStatement().execute("""
                        CREATE TABLE medicines (registration_no text, trade_name_en text, trade_name_ar text,
                            generic_name_en text, generic_name_ar text, strength text, dosage_form text, route text,
                            atc_code text, manufacturer text, gtin text, price_egp numeric(12,2), status text,
                            registered_on date);
                        INSERT INTO medicines
                        SELECT 'EG-' || lpad(i::text, 8, '0'), 'Panadol Extra ' || i, 'بانادول اكسترا ' || i,
                               'paracetamol; caffeine', 'باراسيتامول؛ كافيين', '500 mg', 'tablet', 'oral', 'N02BE51',
                               'GlaxoSmithKline Egypt', lpad(i::text, 13, '6'), (i %% 500) + 0.25,
                               CASE WHEN i %% 20 = 0 THEN 'suspended' ELSE 'registered' END,
                               DATE '2000-01-01' + (i %% 9000)
                          FROM generate_series(1, %d) i;
                        ANALYZE medicines;
                        """.formatted(rows));
            }
            System.out.printf("loaded %,d rows into PostgreSQL in %.1f s%n", rows, (System.nanoTime() - load) / 1e9);
            xlsx(registry, dataSource, rows, out.resolve("registry.xlsx"));
        }
        pdf(registry, ReportLanguage.EN, pages, out.resolve("registry-en.pdf"));
        pdf(registry, ReportLanguage.AR, pages, out.resolve("registry-ar.pdf"));
    }

    private static void xlsx(ReportDefinition definition, javax.sql.DataSource dataSource, int rows, Path file) throws Exception {
        ParameterValues values = ParameterValues.resolve(definition, Map.of(), LocalDate.now());
        // warm up the code paths on a small report first, so the figure is the steady rate
        try (ReportQuery warm = ReportQuery.open(dataSource, definition, values, null, ZoneId.of("Africa/Cairo"));
             OutputStream sink = OutputStream.nullOutputStream()) {
            new XlsxReportRenderer().render(context(definition, ReportLanguage.EN, values, -1),
                    limit(warm.rows(), 20_000), sink);
        }
        long before = usedAfterGc();
        var peak = new AtomicLong(before);
        Thread sampler = sampler(peak);
        long start = System.nanoTime();
        long written;
        try (ReportQuery query = ReportQuery.open(dataSource, definition, values, null, ZoneId.of("Africa/Cairo"));
             OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            written = new XlsxReportRenderer().render(context(definition, ReportLanguage.EN, values, rows), query.rows(), stream);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        long after = usedAfterGc();
        System.out.printf("XLSX %,d rows × %d columns from PostgreSQL: %.1f s, %,.0f rows/s, file %,d MB%n", written,
                definition.columns().size(), seconds, written / seconds, Files.size(file) >> 20);
        System.out.printf("XLSX heap: used after GC %d MB before, %d MB after (growth %d MB); peak used while rendering %d MB "
                        + "(garbage included) of %d MB max%n", before >> 20, after >> 20, (after - before) >> 20,
                peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        Files.delete(file);
    }

    private static void pdf(ReportDefinition definition, ReportLanguage language, int pages, Path file) throws Exception {
        ParameterValues values = ParameterValues.resolve(definition, Map.of(), LocalDate.now());
        // rows per page: measured on a short run (which also warms up the code)
        var probe = Files.createTempFile("probe", ".pdf");
        try (OutputStream stream = Files.newOutputStream(probe)) {
            new PdfReportRenderer(ReportFonts.packaged()).render(context(definition, language, values, 2_000), synthetic(2_000), stream);
        }
        int probePages = new org.openpdf.text.pdf.PdfReader(probe.toString()).getNumberOfPages();
        Files.delete(probe);
        int rows = (int) ((long) pages * 2_000 / probePages);
        long before = usedAfterGc();
        var peak = new AtomicLong(before);
        Thread sampler = sampler(peak);
        long start = System.nanoTime();
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            new PdfReportRenderer(ReportFonts.packaged()).render(context(definition, language, values, rows), synthetic(rows), stream);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        int written = new org.openpdf.text.pdf.PdfReader(file.toString()).getNumberOfPages();
        System.out.printf("PDF (%s) %,d rows × %d columns: %,d pages in %.1f s (%.1f s per 1,000 pages), file %,d MB, "
                        + "peak heap %d MB%n", language.code(), rows, definition.columns().size(), written, seconds,
                seconds * 1000 / written, Files.size(file) >> 20, peak.get() >> 20);
        Files.delete(file);
    }

    private static ReportContext context(ReportDefinition definition, ReportLanguage language, ParameterValues values, long rows) {
        return new ReportContext(definition, language, values, Instant.now(), ZoneId.of("Africa/Cairo"),
                new Bilingual("All tenants", "جميع الجهات"), rows);
    }

    /** Registry-like rows without a database (the PDF figure is about the renderer). */
    private static RowSource synthetic(int count) {
        return handler -> {
            Object[] v = new Object[14];
            for (int i = 0; i < count; i++) {
                v[0] = "EG-" + (10_000_000 + i);
                v[1] = "Panadol Extra " + i;
                v[2] = "بانادول اكسترا " + i;
                v[3] = "paracetamol; caffeine";
                v[4] = "باراسيتامول؛ كافيين";
                v[5] = "500 mg";
                v[6] = "tablet";
                v[7] = "oral";
                v[8] = "N02BE51";
                v[9] = "GlaxoSmithKline Egypt";
                v[10] = "6222" + (100_000_000 + i);
                v[11] = BigDecimal.valueOf(i % 500 * 100 + 25, 2);
                v[12] = i % 20 == 0 ? "suspended" : "registered";
                v[13] = LocalDate.of(2000, 1, 1).plusDays(i % 9000);
                handler.row(v);
            }
            return count;
        };
    }

    private static RowSource limit(RowSource rows, int max) {
        return handler -> {
            long[] seen = {0};
            try {
                return rows.forEach(values -> {
                    if (seen[0]++ >= max) {
                        throw new Stop();
                    }
                    handler.row(values);
                });
            } catch (Stop stop) {
                return max;
            }
        };
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static Thread sampler(AtomicLong peak) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
