package ai.healthflow.pharmacy;

import ai.healthflow.medicine.importing.CsvRowReader;
import ai.healthflow.medicine.importing.ImportFileUnreadable;
import ai.healthflow.medicine.importing.ImportRow;
import ai.healthflow.platform.error.FieldError;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A pharmacy directory file: CSV (UTF-8, RFC 4180, optional byte-order mark), a header row naming the columns in any
 * order, one pharmacy a row, keyed by its English name (tenant names are unique, case-insensitively). The whole file
 * is read and checked before anything is written; each problem names its line (the header is line 1) and column.
 *
 * <p>Columns: {@code name_en, name_ar, address_en, address_ar, city_en, city_ar, governorate, latitude, longitude,
 * opening_hours} (required) and {@code type} ({@code pharmacy} or {@code pharmacy_chain}, default pharmacy),
 * {@code phone}, {@code delivery} (true/false, yes/no, 1/0; default false), {@code rating} (0-5, one decimal).
 * Opening hours are written as {@link OpeningHoursText} describes. Values follow the rules of
 * {@code PUT /api/v2/pharmacies/{id}}.
 */
public final class PharmacyDirectoryFile {
    public static final List<String> REQUIRED = List.of("name_en", "name_ar", "address_en", "address_ar", "city_en",
            "city_ar", "governorate", "latitude", "longitude", "opening_hours");
    public static final List<String> OPTIONAL = List.of("type", "phone", "delivery", "rating");
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of("addressEn", "address_en",
            "addressAr", "address_ar", "cityEn", "city_en", "cityAr", "city_ar", "governorate", "governorate",
            "latitude", "latitude", "longitude", "longitude", "phone", "phone", "rating", "rating",
            "openingHours", "opening_hours");
    private static final int MAX_NAME = 200;

    /** One pharmacy of the file: its tenant's type and names, and its profile. */
    public record Entry(int line, String type, String nameEn, String nameAr, PharmacyProfileRequest profile) {
    }

    /** The file's pharmacies in file order, and its SHA-256 (for the audit record). */
    public record Contents(List<Entry> entries, String sha256) {
    }

    /** One problem: its line (1 is the header; 0 for the file as a whole) and column (null for the whole line). */
    public record Problem(int line, String column, String reason) {
        @Override
        public String toString() {
            String where = (line > 0 ? "line " + line : "") + (column == null ? "" : (line > 0 ? ", " : "") + column);
            return where.isEmpty() ? reason : where + ": " + reason;
        }
    }

    private PharmacyDirectoryFile() {
    }

    /**
     * @throws PharmacyFileInvalid listing every problem (a missing file, an unreadable CSV, a wrong header, each
     *                             invalid value, a name given twice); nothing is returned then
     */
    public static Contents read(Path file) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Problem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            new CsvRowReader(in).read(header -> problems.addAll(header(header)), row -> {
                if (!problems.isEmpty() && problems.getFirst().line() == 1) {
                    return; // a wrong header makes every row wrong: report the header only
                }
                List<Problem> rowProblems = new ArrayList<>();
                Entry entry = entry(row, rowProblems);
                if (entry != null) {
                    Integer first = names.putIfAbsent(entry.nameEn().toLowerCase(Locale.ROOT), row.line());
                    if (first != null) {
                        rowProblems.add(new Problem(row.line(), "name_en", "'" + entry.nameEn()
                                + "' is already on line " + first));
                    }
                }
                if (rowProblems.isEmpty()) {
                    entries.add(entry);
                }
                problems.addAll(rowProblems);
            });
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PharmacyFileInvalid(file, List.of(new Problem(0, null, "no such file")));
        } catch (IOException e) {
            throw new PharmacyFileInvalid(file, List.of(new Problem(0, null, "cannot be read: " + e.getMessage())));
        } catch (ImportFileUnreadable e) {
            throw new PharmacyFileInvalid(file, List.of(new Problem(0, null, e.getMessage())));
        }
        if (problems.isEmpty() && entries.isEmpty()) {
            problems.add(new Problem(1, null, "the file lists no pharmacy"));
        }
        if (!problems.isEmpty()) {
            throw new PharmacyFileInvalid(file, problems);
        }
        return new Contents(List.copyOf(entries), HexFormat.of().formatHex(sha256.digest()));
    }

    private static List<Problem> header(List<String> columns) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
                problems.add(new Problem(1, column.isEmpty() ? "(empty)" : column,
                        "unknown column; the columns are " + REQUIRED + " and optionally " + OPTIONAL));
            } else if (!seen.add(column)) {
                problems.add(new Problem(1, column, "is given twice"));
            }
        }
        for (String column : REQUIRED) {
            if (!seen.contains(column)) {
                problems.add(new Problem(1, column, "is missing from the header"));
            }
        }
        return problems;
    }

    /** The row as an entry, or null with its problems added. */
    private static Entry entry(ImportRow row, List<Problem> problems) {
        int line = row.line();
        String type = row.get("type") == null ? "pharmacy" : row.get("type").toLowerCase(Locale.ROOT);
        if (!PharmacyService.TYPES.contains(type)) {
            problems.add(new Problem(line, "type", "must be one of " + PharmacyService.TYPES));
        }
        String nameEn = name(row, "name_en", problems);
        String nameAr = name(row, "name_ar", problems);
        if (nameAr != null && nameAr.codePoints().noneMatch(c -> c >= 0x0600 && c <= 0x06FF)) {
            problems.add(new Problem(line, "name_ar", "must be written in Arabic"));
        }
        Double latitude = number(row, "latitude", problems);
        Double longitude = number(row, "longitude", problems);
        Boolean delivery = yesNo(row, "delivery", problems);
        BigDecimal rating = null;
        if (row.get("rating") != null) {
            try {
                rating = new BigDecimal(row.get("rating"));
            } catch (NumberFormatException e) {
                problems.add(new Problem(line, "rating", "must be a number from 0 to 5"));
            }
        }
        OpeningHours hours = null;
        try {
            hours = OpeningHoursText.parse(row.get("opening_hours"));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(line, "opening_hours", e.getMessage()));
        }
        var profile = new PharmacyProfileRequest(row.get("address_en"), row.get("address_ar"), row.get("city_en"),
                row.get("city_ar"), row.get("governorate"), latitude, longitude, row.get("phone"), delivery, rating,
                hours);
        for (FieldError error : PharmacyValidator.validate(profile)) {
            String field = error.field();
            String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            String column = COLUMN_OF_FIELD.getOrDefault(root, field);
            boolean reported = problems.stream().anyMatch(p -> p.line() == line && column.equals(p.column()));
            if (!reported) { // "is required" after "must be a number" would say the same twice
                problems.add(new Problem(line, column, field.equals(root) ? error.message()
                        : field.substring(root.length() + 1) + " " + error.message()));
            }
        }
        return problems.stream().anyMatch(p -> p.line() == line) ? null
                : new Entry(line, type, nameEn, nameAr, profile);
    }

    private static String name(ImportRow row, String column, List<Problem> problems) {
        String value = row.get(column);
        if (value == null) {
            problems.add(new Problem(row.line(), column, "is required"));
        } else if (value.length() > MAX_NAME) {
            problems.add(new Problem(row.line(), column, "must be at most " + MAX_NAME + " characters"));
        }
        return value;
    }

    private static Double number(ImportRow row, String column, List<Problem> problems) {
        String value = row.get(column);
        if (value == null) {
            return null; // the profile's validation says it is required
        }
        try {
            double number = Double.parseDouble(value);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(new Problem(row.line(), column, "must be a decimal number, e.g. 30.0478"));
            return null;
        }
    }

    private static Boolean yesNo(ImportRow row, String column, List<Problem> problems) {
        String value = row.get(column);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> {
                problems.add(new Problem(row.line(), column, "must be true or false (yes/no, 1/0)"));
                yield null;
            }
        };
    }
}
