package ai.healthflow.clinical;

import ai.healthflow.medicine.MedicineImport;
import ai.healthflow.tenant.Governorates;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the clinical reference data under {@code /clinical/} (see its README.md) against its documented rules and
 * against the demo medicine registry it refers to. Reads the real files from the classpath.
 */
class ClinicalDataFilesTest {
    static final String DIR = "/clinical/";
    static final List<String> INTERACTION_COLUMNS = List.of("ingredient_a", "ingredient_b", "severity",
            "description_en", "description_ar", "management_en", "management_ar", "source");
    static final List<String> CLASS_COLUMNS = List.of("class_code", "class_name_en", "class_name_ar", "ingredient",
            "allergy_relevant");
    static final List<String> EXTRA_COLUMNS = List.of("ingredient", "ingredient_ar");
    static final List<String> PHARMACY_COLUMNS = List.of("code", "name_en", "name_ar", "governorate_code", "city_en",
            "city_ar", "address_en", "address_ar", "latitude", "longitude", "phone", "open_24h");
    static final List<String> PRICE_COLUMNS = List.of("code", "registration_no", "price_egp", "in_stock");

    static final Set<String> SEVERITIES = Set.of("contraindicated", "major", "moderate", "minor");
    static final Set<String> SOURCES = Set.of("BNF", "Stockley", "FDA label", "EMA SmPC", "MHRA", "CredibleMeds",
            "ACR Manual on Contrast Media");
    static final Set<String> REQUIRED_CLASSES = Set.of("PENICILLINS", "CEPHALOSPORINS", "SULFONAMIDES", "NSAIDS",
            "MACROLIDES", "FLUOROQUINOLONES", "STATINS", "ACE_INHIBITORS", "OPIOIDS", "BENZODIAZEPINES");
    static final Pattern ARABIC_LETTER = Pattern.compile("[\\u0621-\\u064A]");
    static final Pattern PHARMACY_CODE = Pattern.compile("PH-[A-Z]{3}-\\d{2}");
    /** E.164: mobile 01x + 8 digits; Cairo/Giza 2 + 8 digits; Alexandria 3 + 7; other governorates 2-digit code + 7. */
    static final Pattern EGYPTIAN_PHONE = Pattern.compile(
            "\\+20(1[0125]\\d{8}|2\\d{8}|3\\d{7}|(13|40|45|46|47|48|50|55|57|62|64|65|66|68|69|82|84|86|88|92|93|95|96|97)\\d{7})");
    static final Pattern PRICE = Pattern.compile("\\d+\\.\\d{2}");

    /** Approximate seat of each governorate; pharmacies must lie near it (see {@link #radiusKm}). */
    static final Map<String, double[]> CAPITALS = Map.ofEntries(
            Map.entry("Alexandria", new double[] {31.2001, 29.9187}), Map.entry("Aswan", new double[] {24.0889, 32.8998}),
            Map.entry("Assiut", new double[] {27.1783, 31.1859}), Map.entry("Beheira", new double[] {31.0341, 30.4682}),
            Map.entry("Beni Suef", new double[] {29.0661, 31.0994}), Map.entry("Cairo", new double[] {30.0444, 31.2357}),
            Map.entry("Dakahlia", new double[] {31.0409, 31.3785}), Map.entry("Damietta", new double[] {31.4165, 31.8133}),
            Map.entry("Fayoum", new double[] {29.3084, 30.8428}), Map.entry("Gharbia", new double[] {30.7865, 31.0004}),
            Map.entry("Giza", new double[] {30.0131, 31.2089}), Map.entry("Ismailia", new double[] {30.5965, 32.2715}),
            Map.entry("Kafr El Sheikh", new double[] {31.1107, 30.9388}), Map.entry("Luxor", new double[] {25.6872, 32.6396}),
            Map.entry("Matrouh", new double[] {31.3543, 27.2373}), Map.entry("Menofia", new double[] {30.5526, 31.0090}),
            Map.entry("Minya", new double[] {28.1099, 30.7503}), Map.entry("New Valley", new double[] {25.4390, 30.5586}),
            Map.entry("North Sinai", new double[] {31.1316, 33.7984}), Map.entry("Port Said", new double[] {31.2653, 32.3019}),
            Map.entry("Qaliubiya", new double[] {30.4659, 31.1848}), Map.entry("Qena", new double[] {26.1551, 32.7160}),
            Map.entry("Red Sea", new double[] {27.2579, 33.8116}), Map.entry("Sharkia", new double[] {30.5877, 31.5020}),
            Map.entry("Sohag", new double[] {26.5570, 31.6948}), Map.entry("South Sinai", new double[] {28.2364, 33.6254}),
            Map.entry("Suez", new double[] {29.9668, 32.5498}));
    /** The five desert governorates stretch hundreds of kilometres from their seat; the others fit in 80 km. */
    static final Set<String> LARGE_GOVERNORATES = Set.of("Matrouh", "New Valley", "Red Sea", "South Sinai", "North Sinai");

    record Medicine(String registrationNo, BigDecimal price, String status) {
    }

    // ------------------------------------------------------------------------------------------------ interactions

    @Test
    void interactionsHaveTheDocumentedColumnsAndAtLeast150Pairs() {
        assertThat(read("interactions.csv", INTERACTION_COLUMNS)).hasSizeGreaterThanOrEqualTo(150);
    }

    @Test
    void everyInteractionFieldIsFilledAndSeverityIsFromTheVocabulary() {
        for (CSVRecord r : read("interactions.csv", INTERACTION_COLUMNS)) {
            for (String column : INTERACTION_COLUMNS) {
                assertThat(r.get(column)).as("%s on line %d", column, line(r)).isNotBlank();
            }
            assertThat(r.get("severity")).as("line %d", line(r)).isIn(SEVERITIES);
        }
    }

    @Test
    void noIngredientInteractsWithItselfAndEachUnorderedPairAppearsOnce() {
        Set<Set<String>> pairs = new HashSet<>();
        for (CSVRecord r : read("interactions.csv", INTERACTION_COLUMNS)) {
            String a = key(r.get("ingredient_a"));
            String b = key(r.get("ingredient_b"));
            assertThat(a).as("self-pair on line %d", line(r)).isNotEqualTo(b);
            assertThat(pairs.add(Set.of(a, b))).as("duplicate pair %s + %s on line %d", a, b, line(r)).isTrue();
        }
    }

    @Test
    void interactionIngredientsAreRegistryIngredientsOrAllowListedAndEveryPairTouchesTheRegistry() {
        Set<String> registry = registryIngredients();
        Set<String> allowed = allowListed();
        for (CSVRecord r : read("interactions.csv", INTERACTION_COLUMNS)) {
            String a = key(r.get("ingredient_a"));
            String b = key(r.get("ingredient_b"));
            assertThat(List.of(a, b)).as("line %d", line(r)).allMatch(i -> registry.contains(i) || allowed.contains(i));
            assertThat(registry.contains(a) || registry.contains(b))
                    .as("line %d pairs two ingredients outside the demo registry", line(r)).isTrue();
        }
    }

    @Test
    void interactionsCoverMostRegistryIngredients() {
        Set<String> covered = new TreeSet<>();
        for (CSVRecord r : read("interactions.csv", INTERACTION_COLUMNS)) {
            covered.add(key(r.get("ingredient_a")));
            covered.add(key(r.get("ingredient_b")));
        }
        covered.retainAll(registryIngredients());
        // 182 of 253 today; the rest are mostly topical, ophthalmic or inert ingredients without documented interactions.
        assertThat(covered).hasSizeGreaterThanOrEqualTo(175);
    }

    @Test
    void interactionSourcesComeFromTheDocumentedReferences() {
        for (CSVRecord r : read("interactions.csv", INTERACTION_COLUMNS)) {
            assertThat(Arrays.stream(r.get("source").split(";")).map(String::strip))
                    .as("line %d", line(r)).isNotEmpty().allMatch(SOURCES::contains);
        }
    }

    @Test
    void interactionTextsAreInTheRightScript() {
        for (CSVRecord r : read("interactions.csv", INTERACTION_COLUMNS)) {
            assertThat(r.get("description_ar")).as("line %d", line(r)).containsPattern(ARABIC_LETTER);
            assertThat(r.get("management_ar")).as("line %d", line(r)).containsPattern(ARABIC_LETTER);
            assertThat(r.get("description_en")).as("line %d", line(r)).doesNotContainPattern(ARABIC_LETTER);
            assertThat(r.get("management_en")).as("line %d", line(r)).doesNotContainPattern(ARABIC_LETTER);
        }
    }

    // ------------------------------------------------------------------------------------------------ drug classes

    @Test
    void drugClassesCoverTheRequiredClassesWithOneNameAndFlagPerCode() {
        Map<String, String> identity = new HashMap<>();
        Set<String> memberships = new HashSet<>();
        for (CSVRecord r : read("drug-classes.csv", CLASS_COLUMNS)) {
            for (String column : CLASS_COLUMNS) {
                assertThat(r.get(column)).as("%s on line %d", column, line(r)).isNotBlank();
            }
            assertThat(r.get("class_code")).matches("[A-Z][A-Z0-9_]*");
            assertThat(r.get("allergy_relevant")).as("line %d", line(r)).isIn("true", "false");
            assertThat(r.get("class_name_ar")).as("line %d", line(r)).containsPattern(ARABIC_LETTER);
            String names = r.get("class_name_en") + "|" + r.get("class_name_ar") + "|" + r.get("allergy_relevant");
            assertThat(identity.putIfAbsent(r.get("class_code"), names)).as("line %d", line(r)).isIn(null, names);
            assertThat(memberships.add(r.get("class_code") + "|" + key(r.get("ingredient"))))
                    .as("duplicate membership on line %d", line(r)).isTrue();
        }
        assertThat(identity.keySet()).containsAll(REQUIRED_CLASSES);
    }

    @Test
    void classIngredientsAreRegistryIngredientsOrAllowListed() {
        Set<String> known = new HashSet<>(registryIngredients());
        known.addAll(allowListed());
        for (CSVRecord r : read("drug-classes.csv", CLASS_COLUMNS)) {
            assertThat(key(r.get("ingredient"))).as("line %d", line(r)).isIn(known);
        }
    }

    @Test
    void registryMembersOfAllergyClassesAreListed() {
        Map<String, Set<String>> members = read("drug-classes.csv", CLASS_COLUMNS).stream().collect(Collectors.groupingBy(
                r -> r.get("class_code"), Collectors.mapping(r -> key(r.get("ingredient")), Collectors.toSet())));
        assertThat(members.get("PENICILLINS")).contains("amoxicillin", "ampicillin", "flucloxacillin", "piperacillin",
                "benzathine benzylpenicillin", "sultamicillin");
        assertThat(members.get("CEPHALOSPORINS")).contains("cefalexin", "cefradine", "cefuroxime", "cefotaxime",
                "ceftriaxone", "cefpodoxime");
        assertThat(members.get("NSAIDS")).contains("acetylsalicylic acid", "diclofenac", "ibuprofen", "ketoprofen",
                "piroxicam", "lornoxicam", "meloxicam", "celecoxib", "etoricoxib");
        assertThat(members.get("SULFONAMIDES")).contains("sulfamethoxazole", "silver sulfadiazine");
    }

    // ------------------------------------------------------------------------------------------------ allow-list

    @Test
    void allowListHoldsOnlyUsedIngredientsThatAreNotInTheRegistry() {
        Set<String> registry = registryIngredients();
        Set<String> used = new HashSet<>();
        for (CSVRecord r : read("interactions.csv", INTERACTION_COLUMNS)) {
            used.add(key(r.get("ingredient_a")));
            used.add(key(r.get("ingredient_b")));
        }
        for (CSVRecord r : read("drug-classes.csv", CLASS_COLUMNS)) {
            used.add(key(r.get("ingredient")));
        }
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : read("non-registry-ingredients.csv", EXTRA_COLUMNS)) {
            String ingredient = key(r.get("ingredient"));
            assertThat(seen.add(ingredient)).as("duplicate on line %d", line(r)).isTrue();
            assertThat(registry).as("%s is in the registry: drop it from the allow-list", ingredient)
                    .doesNotContain(ingredient);
            assertThat(used).as("%s is not used by any clinical file", ingredient).contains(ingredient);
            assertThat(r.get("ingredient_ar")).as("line %d", line(r)).containsPattern(ARABIC_LETTER);
        }
    }

    // ------------------------------------------------------------------------------------------------ pharmacies

    @Test
    void pharmaciesAreUniqueValidAndSpreadOverAtLeastTenGovernorates() {
        List<CSVRecord> pharmacies = read("demo-pharmacies.csv", PHARMACY_COLUMNS);
        assertThat(pharmacies).hasSizeGreaterThanOrEqualTo(60);
        assertThat(CAPITALS.keySet()).containsExactlyInAnyOrderElementsOf(Governorates.ALL);
        Set<String> codes = new HashSet<>();
        Set<String> governorates = new HashSet<>();
        for (CSVRecord r : pharmacies) {
            for (String column : PHARMACY_COLUMNS) {
                assertThat(r.get(column)).as("%s on line %d", column, line(r)).isNotBlank();
            }
            assertThat(r.get("code")).matches(PHARMACY_CODE);
            assertThat(codes.add(r.get("code"))).as("duplicate code on line %d", line(r)).isTrue();
            assertThat(r.get("governorate_code")).as("line %d", line(r)).isIn(Governorates.ALL);
            governorates.add(r.get("governorate_code"));
            assertThat(r.get("phone")).as("line %d", line(r)).matches(EGYPTIAN_PHONE);
            assertThat(r.get("open_24h")).as("line %d", line(r)).isIn("true", "false");
            for (String column : List.of("name_ar", "city_ar", "address_ar")) {
                assertThat(r.get(column)).as("%s on line %d", column, line(r)).containsPattern(ARABIC_LETTER);
            }
        }
        assertThat(governorates).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void pharmacyCoordinatesLieInEgyptNearTheirGovernorateSeat() {
        for (CSVRecord r : read("demo-pharmacies.csv", PHARMACY_COLUMNS)) {
            double lat = Double.parseDouble(r.get("latitude"));
            double lon = Double.parseDouble(r.get("longitude"));
            assertThat(lat).as("latitude on line %d", line(r)).isBetween(22.0, 31.7);
            assertThat(lon).as("longitude on line %d", line(r)).isBetween(24.7, 36.9);
            String governorate = r.get("governorate_code");
            double[] seat = CAPITALS.get(governorate);
            assertThat(distanceKm(lat, lon, seat[0], seat[1]))
                    .as("%s (line %d) from the seat of %s", r.get("code"), line(r), governorate)
                    .isLessThanOrEqualTo(radiusKm(governorate));
        }
    }

    @Test
    void pricesReferToKnownPharmaciesAndRegisteredMedicinesAtOrBelowTheOfficialPrice() {
        Set<String> pharmacies = read("demo-pharmacies.csv", PHARMACY_COLUMNS).stream().map(r -> r.get("code"))
                .collect(Collectors.toSet());
        Map<String, Medicine> medicines = registry().stream().collect(Collectors.toMap(Medicine::registrationNo, m -> m));
        List<CSVRecord> prices = read("demo-pharmacy-prices.csv", PRICE_COLUMNS);
        assertThat(prices).hasSizeGreaterThanOrEqualTo(300);
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : prices) {
            assertThat(r.get("code")).as("line %d", line(r)).isIn(pharmacies);
            Medicine medicine = medicines.get(r.get("registration_no"));
            assertThat(medicine).as("registration_no on line %d", line(r)).isNotNull();
            assertThat(medicine.status()).as("pharmacies sell registered products only (line %d)", line(r))
                    .isEqualTo("registered");
            assertThat(seen.add(r.get("code") + "|" + r.get("registration_no"))).as("duplicate on line %d", line(r))
                    .isTrue();
            assertThat(r.get("price_egp")).as("line %d", line(r)).matches(PRICE);
            BigDecimal price = new BigDecimal(r.get("price_egp"));
            assertThat(price).as("line %d", line(r)).isLessThanOrEqualTo(medicine.price())
                    .isGreaterThanOrEqualTo(medicine.price().multiply(new BigDecimal("0.90")));
            assertThat(r.get("in_stock")).as("line %d", line(r)).isIn("true", "false");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static List<CSVRecord> read(String file, List<String> columns) {
        try (InputStream in = ClinicalDataFilesTest.class.getResourceAsStream(DIR + file)) {
            assertThat(in).as("%s%s on the classpath", DIR, file).isNotNull();
            return readCsv(in, columns, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CSVRecord> readCsv(InputStream in, List<String> columns, String name) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
            assertThat(parser.getHeaderNames()).as("header of %s", name).containsExactlyElementsOf(columns);
            List<CSVRecord> records = parser.getRecords();
            for (CSVRecord r : records) {
                assertThat(r.isConsistent()).as("%s line %d has %d fields", name, line(r), r.size()).isTrue();
            }
            return records;
        }
    }

    static List<Medicine> registry() {
        try (InputStream in = MedicineImport.class.getResourceAsStream(MedicineImport.DEMO_REGISTRY)) {
            assertThat(in).as(MedicineImport.DEMO_REGISTRY).isNotNull();
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
                return parser.getRecords().stream().map(r -> new Medicine(r.get("registration_no"),
                        new BigDecimal(r.get("price_egp")), r.get("status"))).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every active ingredient of the demo registry; combinations are written "a + b". */
    static Set<String> registryIngredients() {
        try (InputStream in = MedicineImport.class.getResourceAsStream(MedicineImport.DEMO_REGISTRY)) {
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
                return parser.getRecords().stream().flatMap(r -> Arrays.stream(r.get("generic_name_en").split("\\+")))
                        .map(ClinicalDataFilesTest::key).collect(Collectors.toSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> allowListed() {
        return read("non-registry-ingredients.csv", EXTRA_COLUMNS).stream().map(r -> key(r.get("ingredient")))
                .collect(Collectors.toSet());
    }

    static String key(String ingredient) {
        return ingredient.strip().toLowerCase(Locale.ROOT);
    }

    static long line(CSVRecord r) {
        return r.getRecordNumber() + 1; // the header is line 1
    }

    static double radiusKm(String governorate) {
        return LARGE_GOVERNORATES.contains(governorate) ? 500 : 80;
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371 * Math.asin(Math.sqrt(h));
    }
}
