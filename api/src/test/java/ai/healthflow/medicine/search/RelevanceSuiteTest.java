package ai.healthflow.medicine.search;

import ai.healthflow.medicine.MedicineImport;
import ai.healthflow.medicine.MedicineValidator;
import ai.healthflow.medicine.importing.CsvRowReader;
import ai.healthflow.medicine.importing.ImportRow;
import ai.healthflow.search.medicine.MedicineDocument;
import ai.healthflow.search.medicine.MedicineHit;
import ai.healthflow.search.medicine.MedicineIndex;
import ai.healthflow.search.medicine.MedicineQuery;
import ai.healthflow.search.medicine.Synonyms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relevance suite: bilingual queries with their expected products ({@code search/relevance-queries.tsv}) over
 * the demo registry. Prints hit@1, recall@10 and MRR per category and overall, and fails under 0.9 overall.
 */
class RelevanceSuiteTest {
    static final double THRESHOLD = 0.9;
    static Path directory;
    static MedicineIndex index;

    record Case(String category, String query, Set<String> expected, String note) {
    }

    record Score(double hitAt1, double recallAt10, double reciprocalRank) {
    }

    /** hit@1, recall@10 (distinct expected brands) and reciprocal rank of one ranked list of trade names. */
    static Score score(Case c, List<String> names) {
        double hitAt1 = !names.isEmpty() && c.expected().contains(names.getFirst()) ? 1 : 0;
        Set<String> found = new LinkedHashSet<>(names.subList(0, Math.min(10, names.size())));
        found.retainAll(c.expected());
        double recall = (double) found.size() / Math.min(c.expected().size(), 10);
        double reciprocal = 0;
        for (int i = 0; i < names.size(); i++) {
            if (c.expected().contains(names.get(i))) {
                reciprocal = 1.0 / (i + 1);
                break;
            }
        }
        return new Score(hitAt1, Math.min(1, recall), reciprocal);
    }

    @BeforeAll
    static void indexTheDemoRegistry() throws IOException {
        directory = Files.createTempDirectory("relevance-index");
        index = MedicineIndex.open(directory, Synonyms.bundled());
        List<MedicineDocument> documents = new ArrayList<>();
        try (InputStream csv = MedicineImport.class.getResourceAsStream(MedicineImport.DEMO_REGISTRY)) {
            new CsvRowReader(Objects.requireNonNull(csv)).read(header -> { }, row -> documents.add(document(row)));
        }
        for (MedicineDocument document : documents) {
            index.upsert(document);
        }
        index.commit("1");
        index.refresh();
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    static MedicineDocument document(ImportRow row) {
        String price = row.get("price_egp");
        return new MedicineDocument(row.get("registration_no"), row.get("registration_no"), row.get("trade_name_en"),
                row.get("trade_name_ar"), row.get("generic_name_en"), row.get("generic_name_ar"),
                MedicineValidator.ingredients(row.get("generic_name_en")),
                MedicineValidator.ingredients(row.get("generic_name_ar")), row.get("strength"),
                row.get("dosage_form"), row.get("route"), row.get("atc_code"), row.get("manufacturer"),
                row.get("gtin"), price == null ? null : Double.parseDouble(price),
                row.get("status") == null ? "registered" : row.get("status"));
    }

    /** The suite's queries; shared with the trigram comparison. */
    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = RelevanceSuiteTest.class.getResourceAsStream("/search/relevance-queries.tsv");
             var reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(in), StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                cases.add(new Case(parts[0].strip(), parts[1], new LinkedHashSet<>(Arrays.asList(parts[2].split("\\|"))),
                        parts.length > 3 ? parts[3] : ""));
            }
        }
        return cases;
    }

    static Score score(Case c) throws IOException {
        List<MedicineHit> hits = index.search(new MedicineQuery(c.query(), null, null, null, null, 10, 0)).hits();
        return score(c, hits.stream().map(h -> h.medicine().tradeNameEn()).toList());
    }

    @Test
    void bilingualQueriesFindTheRightMedicines() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
        Map<String, List<Score>> byCategory = new TreeMap<>();
        List<Score> all = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            Score s = score(c);
            byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(s);
            all.add(s);
            if (s.hitAt1() < 1 || s.recallAt10() < 1) {
                misses.add(String.format("  %-16s %-28s hit@1=%.0f recall@10=%.2f  expected %s  (%s)", c.category(),
                        c.query(), s.hitAt1(), s.recallAt10(), c.expected(), c.note()));
            }
        }
        var report = new StringBuilder("\nRelevance suite over the demo registry\n");
        report.append(String.format("%-16s %5s %7s %10s %6s%n", "category", "n", "hit@1", "recall@10", "MRR"));
        byCategory.forEach((category, scores) -> report.append(line(category, scores)));
        report.append(line("ALL", all));
        report.append("Imperfect queries:\n").append(String.join("\n", misses)).append('\n');
        System.out.println(report);

        Score overall = mean(all);
        assertThat(overall.hitAt1()).as("hit@1").isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(overall.recallAt10()).as("recall@10").isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(overall.reciprocalRank()).as("MRR").isGreaterThanOrEqualTo(THRESHOLD);
    }

    static String line(String category, List<Score> scores) {
        Score m = mean(scores);
        return String.format("%-16s %5d %7.3f %10.3f %6.3f%n", category, scores.size(), m.hitAt1(), m.recallAt10(),
                m.reciprocalRank());
    }

    static Score mean(List<Score> scores) {
        return new Score(scores.stream().mapToDouble(Score::hitAt1).average().orElse(0),
                scores.stream().mapToDouble(Score::recallAt10).average().orElse(0),
                scores.stream().mapToDouble(Score::reciprocalRank).average().orElse(0));
    }
}
