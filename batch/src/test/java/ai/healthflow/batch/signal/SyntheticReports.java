package ai.healthflow.batch.signal;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Synthetic adverse-event reports in bulk, written with COPY straight into the service's tables (for the
 * signal-detection benchmark and for tests that compare the job with a brute-force count).
 *
 * <p>What the data looks like: a registry of {@code ingredients} generic names (one single-ingredient medicine each
 * plus combinations of two), {@code reactions} reaction terms ("Hepatic failure", "Renal colic", …), reporter
 * tenants with one reporter each. Each report has 1-3 suspect medicines (ingredient popularity is Zipf-like, so a
 * few ingredients appear in many reports), up to two concomitant medicines (which do not count), and 1-3 reactions
 * (also Zipf-like); some reaction rows are lower- or upper-cased and about 1 % of reports name a reaction twice in
 * different case. About 300 planted (ingredient, reaction) pairs co-occur more often than chance, so the job finds
 * signals. 8 % of reports have a follow-up version (one in eight of those a third) that adds a reaction and
 * sometimes changes a suspect medicine; every version's rows are written, as the service keeps them.
 *
 * <p>Speed: the four report tables are loaded by four COPY streams at once, fed by generator threads; before loading,
 * their keys, foreign keys and indexes are dropped (and those of the tables that reference them), and afterwards
 * rebuilt from the definitions saved from the catalogue (foreign keys NOT VALID: the data are consistent by
 * construction and validating them would only cost time), then ANALYZE. The same seed gives the same data.
 * Meant for a database of its own: it replaces whatever the four tables held.
 */
public final class SyntheticReports {
    static final String[] TABLES = {"adverse_events", "adverse_event_versions", "adverse_event_drugs",
            "adverse_event_reactions"};
    private static final String[] ORGANS = {"Hepatic", "Renal", "Cardiac", "Pulmonary", "Gastric", "Intestinal",
            "Cutaneous", "Ocular", "Vascular", "Muscular", "Articular", "Cerebral", "Spinal", "Pancreatic", "Biliary",
            "Thyroid", "Adrenal", "Splenic", "Oesophageal", "Rectal", "Vaginal", "Testicular", "Prostatic", "Bladder",
            "Nasal", "Oral", "Dental", "Auricular", "Lymphatic", "Bone marrow", "Peripheral nerve", "Pleural",
            "Pericardial", "Peritoneal", "Mammary", "Ovarian", "Uterine", "Tendon", "Scalp", "Nail"};
    private static final String[] FINDINGS = {"failure", "pain", "disorder", "haemorrhage", "infection",
            "inflammation", "oedema", "ulcer", "necrosis", "fibrosis", "atrophy", "hypertrophy", "cyst", "abscess",
            "stenosis", "obstruction", "perforation", "discomfort", "dysfunction", "injury", "neoplasm", "rash",
            "pruritus", "swelling", "spasm", "discolouration", "hypersensitivity", "calcification", "thrombosis",
            "embolism", "ischaemia", "insufficiency", "irritation", "lesion", "mass", "erosion", "fistula", "hernia",
            "prolapse", "rupture", "toxicity", "enlargement", "numbness", "weakness", "bleeding", "dryness",
            "hyperaemia", "papilloma", "polyp", "sclerosis"};
    private static final String[] PREFIXES = {"ab", "ac", "al", "am", "an", "ar", "as", "at", "az", "ba", "be", "bi",
            "bo", "bu", "ca", "ce", "ci", "co", "cy", "da", "de", "di", "do", "du", "el", "em", "en", "er", "es", "et",
            "ev", "fa", "fe", "fi", "fl", "fo", "fu", "ga", "ge", "gl", "gu", "ha", "he", "hy", "im", "in", "ir", "is",
            "ke", "ki", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "mu", "na", "ne", "ni", "no", "nu", "ol",
            "om", "on", "or", "ox", "pa", "pe", "pi", "pr", "pu", "qu", "ra", "re", "ri", "ro", "ru", "sa", "se", "si",
            "so", "su", "ta", "te", "ti", "to", "tr", "tu", "va", "ve", "vi", "vo", "xa", "za", "ze", "zo"};
    private static final String[] MIDDLES = {"ba", "ce", "da", "fe", "ga", "li", "lo", "ma", "mi", "na", "ne", "pa",
            "pi", "ra", "ri", "sa", "ta", "ti", "va", "xi", "zo", "bu", "ko", "le", "mo"};
    private static final String[] SUFFIXES = {"mab", "pril", "sartan", "olol", "statin", "azole", "cillin", "mycin",
            "floxacin", "dipine", "tidine", "prazole", "gliptin", "parin", "vir", "semide", "triptan", "setron",
            "lukast", "afil", "oxetine", "azepam", "tinib", "dronate", "profen"};
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00'")
            .withZone(ZoneOffset.UTC);
    private static final long START = Instant.parse("2021-01-01T00:00:00Z").getEpochSecond();
    private static final long SPAN = Instant.parse("2025-12-31T00:00:00Z").getEpochSecond() - START;
    private static final int BLOCK = 20_000;

    /**
     * @param reports     reports to write
     * @param ingredients active ingredients in the registry (English generic names)
     * @param reactions   distinct reaction terms, at most 2 000
     * @param seed        the same seed gives the same data
     */
    public record Settings(int reports, int ingredients, int reactions, long seed) {
        public Settings {
            if (reactions > ORGANS.length * FINDINGS.length) {
                throw new IllegalArgumentException("at most " + ORGANS.length * FINDINGS.length + " reaction terms");
            }
        }
    }

    /** What was written. */
    public record Result(long reports, long versions, long drugRows, long reactionRows, int plantedPairs,
                         double loadSeconds, double indexSeconds) {
    }

    private record Medicine(UUID id, int rank, String ingredientArray) {
    }

    private record Reporter(UUID tenant, UUID user, String name, String role) {
    }

    private final Settings settings;
    private final List<UUID> ingredientIds = new ArrayList<>();
    private final List<Medicine> singles = new ArrayList<>();
    private final Map<Integer, Medicine> combinations = new LinkedHashMap<>();
    private final List<Reporter> reporters = new ArrayList<>();
    private final String[] terms;
    private final double[] ingredientCdf;
    private final double[] reactionCdf;
    private final int[][] planted;
    private int plantedPairs;

    private SyntheticReports(Settings settings) {
        this.settings = settings;
        this.terms = new String[settings.reactions()];
        for (int i = 0; i < terms.length; i++) {
            // spread over organs first, so the first terms are not all "Hepatic …"
            terms[i] = ORGANS[i % ORGANS.length] + " " + FINDINGS[i / ORGANS.length];
        }
        this.ingredientCdf = zipf(settings.ingredients(), 0.8);
        this.reactionCdf = zipf(settings.reactions(), 0.9);
        this.planted = new int[settings.ingredients()][];
    }

    /** Writes the registry part (ingredients, medicines, reporters) and the reports; see the class comment. */
    public static Result generate(DataSource superuser, Settings settings) throws Exception {
        var generator = new SyntheticReports(settings);
        try (Connection connection = superuser.getConnection()) {
            generator.reference(connection);
        }
        return generator.reports(superuser);
    }

    /** The English generic name of ingredient {@code i} (0 is the most often reported). */
    public static String ingredientName(int i) {
        int s = i % SUFFIXES.length;
        int m = (i / SUFFIXES.length) % MIDDLES.length;
        int p = (i / SUFFIXES.length / MIDDLES.length) % PREFIXES.length;
        int round = i / (SUFFIXES.length * MIDDLES.length * PREFIXES.length);
        return PREFIXES[p] + MIDDLES[m] + SUFFIXES[s] + (round == 0 ? "" : " " + (round + 1));
    }

    // ---- registry and reporters

    private void reference(Connection connection) throws SQLException {
        var random = new SplittableRandom(settings.seed());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            StringBuilder tenants = new StringBuilder();
            StringBuilder users = new StringBuilder();
            StringBuilder members = new StringBuilder();
            for (int t = 0; t < 20; t++) {
                UUID tenant = uuid(random);
                UUID user = uuid(random);
                String type = t % 2 == 0 ? "hospital" : "pharmacy";
                String role = t % 2 == 0 ? "doctor" : "pharmacist";
                String name = "Synthetic reporter " + t;
                tenants.append(t == 0 ? "" : ",").append("('%s','%s','Synthetic %s %d','جهة %d')".formatted(tenant, type, type, t, t));
                users.append(t == 0 ? "" : ",").append("('%s','reporter%d.%s@synthetic.test','%s','x')".formatted(user, t, tenant.toString().substring(0, 8), name));
                members.append(t == 0 ? "" : ",").append("('%s','%s','%s')".formatted(user, tenant, role));
                reporters.add(new Reporter(tenant, user, name, role));
            }
            statement.execute("INSERT INTO tenants (id, type, name_en, name_ar) VALUES " + tenants);
            statement.execute("INSERT INTO users (id, email, display_name, password_hash) VALUES " + users);
            statement.execute("INSERT INTO memberships (user_id, tenant_id, role) VALUES " + members);
        }
        CopyBuffer ingredients = new CopyBuffer();
        CopyBuffer medicines = new CopyBuffer();
        CopyBuffer links = new CopyBuffer();
        for (int i = 0; i < settings.ingredients(); i++) {
            UUID id = uuid(random);
            ingredientIds.add(id);
            ingredients.row(id, ingredientName(i), "\\N");
        }
        for (int i = 0; i < settings.ingredients(); i++) {
            Medicine medicine = medicine(random, i, ingredientIds.get(i));
            singles.add(medicine);
            medicines.row(medicine.id(), "SYN-" + i, capitalised(ingredientName(i)), "دواء " + i, ingredientName(i),
                    "مادة " + i, "tablet", "oral", "Synthetic Pharma");
            links.row(medicine.id(), ingredientIds.get(i), 1);
        }
        // one ingredient in five also comes in a combination with another
        for (int i = 0; i < settings.ingredients(); i += 5) {
            int other = random.nextInt(settings.ingredients());
            if (other == i) {
                continue;
            }
            Medicine medicine = medicine(random, i, ingredientIds.get(i), ingredientIds.get(other));
            combinations.put(i, medicine);
            medicines.row(medicine.id(), "SYN-C" + i, capitalised(ingredientName(i)) + " Plus", "دواء مركب " + i,
                    ingredientName(i) + " + " + ingredientName(other), "مادة " + i + " + " + other, "tablet", "oral",
                    "Synthetic Pharma");
            links.row(medicine.id(), ingredientIds.get(i), 1);
            links.row(medicine.id(), ingredientIds.get(other), 2);
        }
        copy(connection, "ingredients (id, name_en, name_ar)", ingredients);
        copy(connection, "medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar, "
                + "dosage_form, route, manufacturer)", medicines);
        copy(connection, "medicine_ingredients (medicine_id, ingredient_id, position)", links);
        connection.commit();

        // planted associations: a reaction that comes with an ingredient more often than chance
        int pairs = Math.min(300, settings.ingredients() * settings.reactions() / 20);
        Set<Long> seen = new HashSet<>();
        while (plantedPairs < pairs) {
            int ingredient = random.nextInt(Math.min(settings.ingredients(), 1500));
            int reaction = random.nextInt(settings.reactions());
            if (seen.add((long) ingredient * 100_000 + reaction)) {
                int[] old = planted[ingredient] == null ? new int[0] : planted[ingredient];
                planted[ingredient] = Arrays.copyOf(old, old.length + 1);
                planted[ingredient][old.length] = reaction;
                plantedPairs++;
            }
        }
    }

    private static Medicine medicine(SplittableRandom random, int rank, UUID... ingredients) {
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < ingredients.length; i++) {
            array.append(i == 0 ? "" : ",").append(ingredients[i]);
        }
        return new Medicine(uuid(random), rank, array.append('}').toString());
    }

    // ---- reports

    private Result reports(DataSource superuser) throws Exception {
        long start = System.nanoTime();
        List<String> restore;
        try (Connection connection = superuser.getConnection()) {
            restore = dropKeysAndIndexes(connection);
        }
        int streams = TABLES.length;
        List<BlockingQueue<byte[]>> queues = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            queues.add(new ArrayBlockingQueue<>(8));
        }
        ExecutorService pool = Executors.newFixedThreadPool(streams + 2);
        long[] rows = new long[streams];
        try {
            List<Future<Long>> copies = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                int table = i;
                copies.add(pool.submit(() -> copyStream(superuser, TABLES[table], queues.get(table))));
            }
            int blocks = (settings.reports() + BLOCK - 1) / BLOCK;
            AtomicInteger next = new AtomicInteger();
            int generators = 2;
            List<Future<?>> producers = new ArrayList<>();
            for (int g = 0; g < generators; g++) {
                producers.add(pool.submit(() -> {
                    for (int block = next.getAndIncrement(); block < blocks; block = next.getAndIncrement()) {
                        byte[][] out = block(block);
                        for (int t = 0; t < streams; t++) {
                            queues.get(t).put(out[t]);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> producer : producers) {
                producer.get();
            }
            for (BlockingQueue<byte[]> queue : queues) {
                queue.put(new byte[0]); // end of stream
            }
            for (int i = 0; i < streams; i++) {
                rows[i] = copies.get(i).get();
            }
        } finally {
            pool.shutdownNow();
        }
        double load = (System.nanoTime() - start) / 1e9;
        long indexStart = System.nanoTime();
        rebuild(superuser, restore);
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE adverse_events, adverse_event_versions, adverse_event_drugs, "
                    + "adverse_event_reactions, ingredients, medicines, medicine_ingredients");
        }
        return new Result(rows[0], rows[1], rows[2], rows[3], plantedPairs, load, (System.nanoTime() - indexStart) / 1e9);
    }

    /** The COPY rows of reports [block × BLOCK, …) for each of the four tables. */
    private byte[][] block(int block) {
        var random = new SplittableRandom(settings.seed() * 1_000_003L + block);
        CopyBuffer events = new CopyBuffer();
        CopyBuffer versions = new CopyBuffer();
        CopyBuffer drugs = new CopyBuffer();
        CopyBuffer reactions = new CopyBuffer();
        int from = block * BLOCK;
        int to = Math.min(settings.reports(), from + BLOCK);
        for (int n = from; n < to; n++) {
            UUID id = uuid(random);
            Reporter reporter = reporters.get(random.nextInt(reporters.size()));
            long received = START + random.nextLong(SPAN);
            int versionCount = random.nextInt(100) < 8 ? (random.nextInt(8) == 0 ? 3 : 2) : 1;
            boolean serious = random.nextInt(10) < 3;
            List<Medicine> suspects = new ArrayList<>();
            int suspectCount = pick(random, 70, 25);
            for (int s = 0; s < suspectCount; s++) {
                suspects.add(medicineFor(random));
            }
            List<Integer> terms = new ArrayList<>();
            int reactionCount = pick(random, 55, 30);
            for (int r = 0; r < reactionCount; r++) {
                terms.add(index(reactionCdf, random.nextDouble()));
            }
            for (Medicine suspect : suspects) {
                int rank = suspect.rank();
                if (planted[rank] != null && random.nextInt(10) < 3) {
                    terms.add(planted[rank][random.nextInt(planted[rank].length)]);
                }
            }
            String initials = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            int age = 1 + random.nextInt(90);
            String sex = random.nextBoolean() ? "female" : "male";
            long latest = received;
            for (int v = 1; v <= versionCount; v++) {
                long at = v == 1 ? received : latest + 86_400L * (1 + random.nextInt(60));
                latest = at;
                if (v > 1) {
                    terms.add(index(reactionCdf, random.nextDouble())); // the follow-up adds a reaction
                    if (random.nextInt(5) == 0) {
                        suspects.set(0, medicineFor(random)); // and sometimes names another suspect
                    }
                }
                versions.row(id, v, reporter.tenant(), TS.format(Instant.ofEpochSecond(at)), reporter.user(),
                        reporter.name(), initials, age, "\\N", "\\N", sex, "\\N", serious,
                        serious ? "{hospitalisation}" : "{}", "Synthetic report " + n);
                int position = 0;
                for (Medicine suspect : suspects) {
                    drugs.row(uuid(random), id, v, reporter.tenant(), position++, "suspect", suspect.id(),
                            suspect.ingredientArray(), "\\N", "\\N", "oral", "\\N", "\\N", "\\N");
                }
                int concomitants = random.nextInt(3);
                for (int c = 0; c < concomitants; c++) {
                    Medicine other = medicineFor(random);
                    drugs.row(uuid(random), id, v, reporter.tenant(), position++, "concomitant", other.id(),
                            other.ingredientArray(), "\\N", "\\N", "oral", "\\N", "\\N", "\\N");
                }
                LocalDate onset = LocalDate.ofEpochDay(received / 86_400L);
                int rp = 0;
                for (int term : terms) {
                    reactions.row(uuid(random), id, v, reporter.tenant(), rp++, spelling(random, this.terms[term]),
                            "\\N", onset, "unknown");
                }
                if (random.nextInt(100) == 0) { // the same reaction named twice, in another case
                    reactions.row(uuid(random), id, v, reporter.tenant(), rp, this.terms[terms.getFirst()].toUpperCase(Locale.ROOT),
                            "\\N", onset, "unknown");
                }
            }
            String receivedText = TS.format(Instant.ofEpochSecond(received));
            String latestText = TS.format(Instant.ofEpochSecond(latest));
            events.row(id, reporter.tenant(), "AE-S-" + n, reporter.user(), reporter.name(), reporter.role(),
                    "closed", versionCount, serious, receivedText, latestText,
                    serious ? TS.format(Instant.ofEpochSecond(received + 15 * 86_400L)) : "\\N", receivedText, latestText);
        }
        return new byte[][]{events.bytes(), versions.bytes(), drugs.bytes(), reactions.bytes()};
    }

    private Medicine medicineFor(SplittableRandom random) {
        int ingredient = index(ingredientCdf, random.nextDouble());
        Medicine combination = combinations.get(ingredient);
        return combination != null && random.nextInt(5) == 0 ? combination : singles.get(ingredient);
    }

    /** 1, 2 or 3 with the given percentages for 1 and 2. */
    private static int pick(SplittableRandom random, int one, int two) {
        int p = random.nextInt(100);
        return p < one ? 1 : p < one + two ? 2 : 3;
    }

    private static String spelling(SplittableRandom random, String term) {
        int p = random.nextInt(100);
        return p < 5 ? term.toLowerCase(Locale.ROOT) : p < 7 ? term.toUpperCase(Locale.ROOT) : term;
    }

    private long copyStream(DataSource superuser, String table, BlockingQueue<byte[]> queue) throws Exception {
        try (Connection connection = superuser.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE " + table);
            }
            // FREEZE: rows written frozen in the transaction that emptied the table, so the first reads do not
            // rewrite every page to set hint bits (as a long-lived production table would not need either)
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns(table) + ") FROM STDIN (FREEZE)");
            try {
                for (byte[] chunk = queue.take(); chunk.length > 0; chunk = queue.take()) {
                    copy.writeToCopy(chunk, 0, chunk.length);
                }
                long rows = copy.endCopy();
                connection.commit();
                return rows;
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    private static String columns(String table) {
        return switch (table) {
            case "adverse_events" -> "id, tenant_id, case_number, reporter_id, reporter_name, reporter_role, status, "
                    + "current_version, serious, received_at, latest_info_at, due_at, created_at, updated_at";
            case "adverse_event_versions" -> "event_id, version, tenant_id, received_at, submitted_by, submitted_by_name, "
                    + "patient_initials, patient_age_years, patient_age_group, patient_birth_date, patient_sex, "
                    + "patient_weight_kg, serious, seriousness_criteria, narrative";
            case "adverse_event_drugs" -> "id, event_id, version, tenant_id, position, role, medicine_id, ingredient_ids, "
                    + "batch_number, dose, route, start_date, stop_date, action_taken";
            case "adverse_event_reactions" -> "id, event_id, version, tenant_id, position, term, meddra_code, onset_date, outcome";
            default -> throw new IllegalArgumentException(table);
        };
    }

    private static void copy(Connection connection, String target, CopyBuffer rows) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN",
                    new java.io.ByteArrayInputStream(rows.bytes()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    /**
     * Drops the primary keys, unique constraints, foreign keys and indexes of the four report tables (and the
     * foreign keys of other tables that point at them) and returns the statements that rebuild them.
     */
    private static List<String> dropKeysAndIndexes(Connection connection) throws SQLException {
        String tables = "'" + String.join("'::regclass, '", TABLES) + "'::regclass";
        List<String> foreign = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("""
                    SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
                      FROM pg_constraint
                     WHERE contype IN ('p', 'u', 'f') AND (conrelid IN (%s) OR confrelid IN (%s))
                     ORDER BY contype = 'f' DESC, conname
                    """.formatted(tables, tables))) {
                while (rs.next()) {
                    String add = "ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(4);
                    if (rs.getString(3).equals("f")) {
                        foreign.add(add + " NOT VALID");
                    } else {
                        keys.add(add);
                    }
                    drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                }
            }
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("""
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                      FROM pg_index i
                     WHERE i.indrelid IN (%s)
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                    """.formatted(tables))) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    drops.add("DROP INDEX " + rs.getString(1));
                }
            }
            for (String drop : drops) {
                statement.execute(drop);
            }
            List<String> restore = new ArrayList<>(keys);
            restore.addAll(indexes);
            restore.addAll(foreign);
            return restore;
        }
    }

    /** Rebuilds keys and indexes, two at a time (the tables are independent). */
    private static void rebuild(DataSource superuser, List<String> statements) throws Exception {
        List<String> buildable = statements.stream().filter(s -> !s.contains("FOREIGN KEY")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            // larger tables first, so the two workers finish together
            for (String table : new String[]{"adverse_event_drugs", "adverse_event_reactions", "adverse_event_versions",
                    "adverse_events"}) {
                for (String sql : buildable) {
                    if (sql.contains(" " + table + " ") || sql.contains(" ON public." + table + " ")) {
                        done.add(pool.submit(() -> execute(superuser, sql)));
                    }
                }
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String sql : statements) {
            if (sql.contains("FOREIGN KEY")) {
                execute(superuser, sql);
            }
        }
    }

    private static Void execute(DataSource superuser, String sql) throws SQLException {
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '512MB'");
            statement.execute(sql);
        }
        return null;
    }

    // ---- helpers

    private static double[] zipf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int index(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Rows in COPY text format: tab-separated, newline-terminated, {@code \N} for null (values hold no tabs). */
    private static final class CopyBuffer {
        private final StringBuilder text = new StringBuilder(1 << 16);

        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                text.append(values[i]);
            }
            text.append('\n');
        }

        byte[] bytes() {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
