package ai.healthflow.medicine;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.medicine.importing.ImportFileUnreadable;
import ai.healthflow.medicine.importing.ImportReport;
import ai.healthflow.medicine.importing.ImportRow;
import ai.healthflow.medicine.importing.RowReader;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import org.jdbi.v3.core.Handle;

import ai.healthflow.medicine.importing.CsvRowReader;
import ai.healthflow.medicine.importing.XlsxRowReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a registry file: every row validated, valid rows upserted by registration number, invalid rows reported
 * with line, column and reason. All in one transaction, so a failure midway leaves no partial import; a dry run
 * rolls it back after validating. Audited as one action with its counts and the file's SHA-256.
 */
public final class MedicineImport {
    /** Column → API field, in the order the documentation lists them. */
    static final Map<String, String> COLUMNS = columns();

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Db db;
    private final MedicineService medicines;
    private final AuditLog audit;
    private final Path spool;

    /** @param spool where uploads are written before they are read (the body is never held in memory) */
    public MedicineImport(Db db, MedicineService medicines, AuditLog audit, Path spool) {
        this.db = db;
        this.medicines = medicines;
        this.audit = audit;
        this.spool = spool;
    }

    /**
     * Spools the upload to a file (so the transaction does not wait on a slow client, and XLSX, a zip, can be
     * read), then imports it.
     *
     * @param xlsx true for an XLSX workbook, false for CSV
     */
    public ImportReport run(Actor actor, InputStream body, boolean xlsx, boolean dryRun) {
        Path file = null;
        try {
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, "import-", xlsx ? ".xlsx" : ".csv");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(body, sha256)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            String digest = HexFormat.of().formatHex(sha256.digest());
            if (xlsx) {
                return run(actor, new XlsxRowReader(file), dryRun, "xlsx", digest);
            }
            try (InputStream csv = Files.newInputStream(file)) {
                return run(actor, new CsvRowReader(csv), dryRun, "csv", digest);
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
                    // a leftover temporary file is harmless; the next start does not read it
                }
            }
        }
    }

    /**
     * Dev demo data: imports the bundled registry ({@value #DEMO_REGISTRY}) when the registry is empty.
     *
     * @return the import's counts, or empty when the registry already had medicines
     */
    public Optional<ImportReport.Counts> loadDemoRegistry() {
        long existing = db.acrossTenants(handle -> handle.createQuery("SELECT count(*) FROM medicines")
                .mapTo(Long.class).one());
        if (existing > 0) {
            return Optional.empty();
        }
        try (InputStream csv = MedicineImport.class.getResourceAsStream(DEMO_REGISTRY)) {
            if (csv == null) {
                throw new IllegalStateException("The demo registry " + DEMO_REGISTRY + " is missing from the build");
            }
            ImportReport report = run(Actor.system("demo-data"), new CsvRowReader(csv), false, "csv", "demo");
            if (report.counts().rejected() > 0) {
                throw new IllegalStateException("The demo registry has invalid rows: " + report.rejected());
            }
            return Optional.of(report.counts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String DEMO_REGISTRY = "/medicine/demo-medicines.csv";

    /** @param format {@code csv} or {@code xlsx}, for the audit record */
    ImportReport run(Actor actor, RowReader reader, boolean dryRun, String format, String sha256) {
        try {
            return db.acrossTenants(handle -> {
                var run = new Run(handle, actor);
                try {
                    reader.read(Run::checkHeader, run::row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ImportReport report = run.report(dryRun);
                if (dryRun) {
                    throw new DryRunRollback(report); // leaves through the transaction: everything rolls back
                }
                var counts = new LinkedHashMap<String, Object>();
                counts.put("format", format);
                counts.put("sha256", sha256);
                counts.put("rows", report.counts().rows());
                counts.put("created", report.counts().created());
                counts.put("updated", report.counts().updated());
                counts.put("unchanged", report.counts().unchanged());
                counts.put("rejected", report.counts().rejected());
                audit.record(handle, actor, AuditEvent.of("medicine.imported", "medicine_import", sha256, null)
                        .withChanges(counts));
                return report;
            });
        } catch (DryRunRollback dryRun1) {
            return dryRun1.report;
        }
    }

    private static final class DryRunRollback extends RuntimeException {
        final ImportReport report;

        DryRunRollback(ImportReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    /** The state of one import while its rows stream by. */
    private final class Run {
        private final Handle handle;
        private final Actor actor;
        private final MedicineDao dao;
        private final List<ImportReport.RowOutcome> created = new ArrayList<>();
        private final List<ImportReport.RowOutcome> updated = new ArrayList<>();
        private final List<ImportReport.RowOutcome> unchanged = new ArrayList<>();
        private final List<ImportReport.Rejection> rejected = new ArrayList<>();
        private int rows;
        private int rejectedRows;

        Run(Handle handle, Actor actor) {
            this.handle = handle;
            this.actor = actor;
            this.dao = Db.dao(handle, MedicineDao.class);
        }

        static void checkHeader(List<String> header) {
            List<FieldError> errors = new ArrayList<>();
            for (String column : COLUMNS.keySet()) {
                if (!header.contains(column)) {
                    errors.add(new FieldError(column, "column missing from the header row"));
                }
            }
            for (String column : header) {
                if (!column.isEmpty() && !COLUMNS.containsKey(column)) {
                    errors.add(new FieldError(column, "unknown column"));
                }
            }
            if (!errors.isEmpty()) {
                throw new ImportFileUnreadable("The header row must name these columns, in any order: "
                        + String.join(", ", COLUMNS.keySet()) + ".", errors);
            }
        }

        void row(ImportRow row) {
            rows++;
            String registrationNo = row.get("registration_no");
            List<ImportReport.Rejection> problems = new ArrayList<>();
            BigDecimal price = null;
            String priceText = row.get("price_egp");
            if (priceText != null) {
                try {
                    price = new BigDecimal(asciiNumber(priceText));
                } catch (NumberFormatException e) {
                    problems.add(new ImportReport.Rejection(row.line(), registrationNo, "price_egp", "must be a number"));
                }
            }
            String status = row.get("status");
            var fields = new MedicineFields(registrationNo, row.get("trade_name_en"), row.get("trade_name_ar"),
                    row.get("generic_name_en"), row.get("generic_name_ar"), row.get("strength"),
                    lower(row.get("dosage_form")), lower(row.get("route")), upper(row.get("atc_code")),
                    row.get("manufacturer"), row.get("gtin"), price, status == null ? "registered" : lower(status), null);
            for (FieldError error : MedicineValidator.validate(fields)) {
                problems.add(new ImportReport.Rejection(row.line(), registrationNo, column(error.field()), error.message()));
            }
            Optional<MedicineRow> existing = problems.isEmpty()
                    ? dao.findByRegistrationNoForUpdate(registrationNo) : Optional.empty();
            if (problems.isEmpty() && fields.gtin() != null) {
                dao.findByGtin(fields.gtin())
                        .filter(other -> existing.isEmpty() || !other.id().equals(existing.get().id()))
                        .ifPresent(other -> problems.add(new ImportReport.Rejection(row.line(), registrationNo, "gtin",
                                "already the barcode of " + other.registrationNo())));
            }
            if (!problems.isEmpty()) {
                rejected.addAll(problems);
                rejectedRows++;
                return;
            }
            var outcome = new ImportReport.RowOutcome(row.line(), registrationNo);
            if (existing.isEmpty()) {
                medicines.create(handle, actor, fields, false);
                created.add(outcome);
            } else {
                var keepDates = new MedicineFields(fields.registrationNo(), fields.tradeNameEn(), fields.tradeNameAr(),
                        fields.genericNameEn(), fields.genericNameAr(), fields.strength(), fields.dosageForm(),
                        fields.route(), fields.atcCode(), fields.manufacturer(), fields.gtin(), fields.priceEgp(),
                        fields.status(), existing.get().registeredOn());
                (medicines.update(handle, actor, existing.get(), keepDates, false) ? updated : unchanged).add(outcome);
            }
        }

        ImportReport report(boolean dryRun) {
            return new ImportReport(dryRun, new ImportReport.Counts(rows, created.size(), updated.size(),
                    unchanged.size(), rejectedRows), created, updated, unchanged, rejected);
        }
    }

    private static String column(String field) {
        return COLUMNS.entrySet().stream().filter(e -> e.getValue().equals(field)).map(Map.Entry::getKey)
                .findFirst().orElse(field);
    }

    /** Eastern Arabic and Persian digits and the Arabic decimal separator, as typed in Arabic spreadsheets. */
    static String asciiNumber(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.strip().toCharArray()) {
            if (c >= '\u0660' && c <= '\u0669') {
                out.append((char) ('0' + c - '\u0660'));
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                out.append((char) ('0' + c - '\u06F0'));
            } else if (c == '\u066B') {
                out.append('.');
            } else if (c != '\u066C' && c != ',') { // thousands separators
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }

    private static Map<String, String> columns() {
        var columns = new LinkedHashMap<String, String>();
        columns.put("registration_no", "registrationNo");
        columns.put("trade_name_en", "tradeNameEn");
        columns.put("trade_name_ar", "tradeNameAr");
        columns.put("generic_name_en", "genericNameEn");
        columns.put("generic_name_ar", "genericNameAr");
        columns.put("strength", "strength");
        columns.put("dosage_form", "dosageForm");
        columns.put("route", "route");
        columns.put("atc_code", "atcCode");
        columns.put("manufacturer", "manufacturer");
        columns.put("gtin", "gtin");
        columns.put("price_egp", "priceEgp");
        columns.put("status", "status");
        return java.util.Collections.unmodifiableMap(columns);
    }
}
