package ai.healthflow.medicine.search;

import ai.healthflow.medicine.MedicineImport;
import ai.healthflow.medicine.importing.CsvRowReader;
import ai.healthflow.medicine.importing.ImportRow;
import ai.healthflow.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same relevance suite answered by the strongest simple alternative, PostgreSQL pg_trgm word_similarity over
 * the four name fields, side by side with HealthFlow's search. Fails when the trigram query beats the search in
 * any category (hit@1 or MRR).
 */
class TrigramComparisonIT {

    @Test
    void theSearchBeatsATrigramQueryInEveryCategory() throws Exception {
        TestPostgres.Database db = TestPostgres.emptyDatabase();
        List<ImportRow> rows = new ArrayList<>();
        try (InputStream csv = MedicineImport.class.getResourceAsStream(MedicineImport.DEMO_REGISTRY)) {
            new CsvRowReader(Objects.requireNonNull(csv)).read(header -> { }, rows::add);
        }
        RelevanceSuiteTest.indexTheDemoRegistry();
        try (Connection c = db.connect()) {
            try (var s = c.createStatement()) {
                s.execute("""
                        CREATE EXTENSION IF NOT EXISTS pg_trgm;
                        CREATE TABLE m (trade_name_en text, trade_name_ar text, generic_name_en text, generic_name_ar text);
                        """);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO m VALUES (?, ?, ?, ?)")) {
                for (ImportRow row : rows) {
                    insert.setString(1, row.get("trade_name_en"));
                    insert.setString(2, row.get("trade_name_ar"));
                    insert.setString(3, row.get("generic_name_en"));
                    insert.setString(4, row.get("generic_name_ar"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Map<String, List<RelevanceSuiteTest.Score>> trigram = new TreeMap<>();
            Map<String, List<RelevanceSuiteTest.Score>> lucene = new TreeMap<>();
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT trade_name_en FROM m
                     ORDER BY greatest(word_similarity(?, trade_name_en), word_similarity(?, trade_name_ar),
                                       word_similarity(?, generic_name_en), word_similarity(?, generic_name_ar)) DESC
                     LIMIT 10
                    """)) {
                for (RelevanceSuiteTest.Case testCase : RelevanceSuiteTest.cases()) {
                    for (int i = 1; i <= 4; i++) {
                        query.setString(i, testCase.query());
                    }
                    List<String> names = new ArrayList<>();
                    try (var result = query.executeQuery()) {
                        while (result.next()) {
                            names.add(result.getString(1));
                        }
                    }
                    trigram.computeIfAbsent(testCase.category(), k -> new ArrayList<>())
                            .add(RelevanceSuiteTest.score(testCase, names));
                    lucene.computeIfAbsent(testCase.category(), k -> new ArrayList<>())
                            .add(RelevanceSuiteTest.score(testCase));
                }
            }
            var report = new StringBuilder("\nHealthFlow search vs pg_trgm word_similarity (demo registry)\n");
            report.append(String.format("%-16s %13s %13s %13s%n", "category", "hit@1 hf/trgm", "recall hf/trgm", "MRR hf/trgm"));
            List<String> losses = new ArrayList<>();
            for (String category : lucene.keySet()) {
                var hf = RelevanceSuiteTest.mean(lucene.get(category));
                var tg = RelevanceSuiteTest.mean(trigram.get(category));
                report.append(String.format("%-16s   %.2f / %.2f   %.2f / %.2f   %.2f / %.2f%n", category,
                        hf.hitAt1(), tg.hitAt1(), hf.recallAt10(), tg.recallAt10(), hf.reciprocalRank(), tg.reciprocalRank()));
                if (hf.hitAt1() < tg.hitAt1() || hf.reciprocalRank() < tg.reciprocalRank()) {
                    losses.add(category);
                }
            }
            System.out.println(report);
            assertThat(losses).as("categories where the trigram query does better").isEmpty();
        } finally {
            RelevanceSuiteTest.close();
        }
    }
}
