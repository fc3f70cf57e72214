package ai.healthflow.search.medicine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MedicineIndexTest {
    @TempDir
    Path dir;
    MedicineIndex index;

    static MedicineDocument medicine(String id, String tradeEn, String tradeAr, String genericEn, String genericAr,
                                     String strength, String form, String atc, String maker, String gtin, String status) {
        return new MedicineDocument(id, "EG-" + id, tradeEn, tradeAr, genericEn, genericAr,
                List.of(genericEn.split(" \\+ ")), List.of(genericAr.split(" \\+ ")), strength, form, "oral", atc,
                maker, gtin, 10.0, status);
    }

    @BeforeEach
    void open() throws IOException {
        var synonyms = Synonyms.parse(new ByteArrayInputStream(
                "# test\nparacetamol, acetaminophen\nsalbutamol, albuterol\n".getBytes(StandardCharsets.UTF_8)));
        index = MedicineIndex.open(dir, synonyms);
        for (MedicineDocument m : List.of(
                medicine("1", "Panadol", "بانادول", "paracetamol", "باراسيتامول", "500 mg", "tablet", "N02BE01", "GSK", "6220000000011", "registered"),
                medicine("2", "Panadol Extra", "بانادول اكسترا", "paracetamol + caffeine", "باراسيتامول + كافيين", "500 mg + 65 mg", "tablet", "N02BE51", "GSK", null, "registered"),
                medicine("3", "Abimol", "أبيمول", "paracetamol", "باراسيتامول", "1 g", "tablet", "N02BE01", "Pharco", null, "registered"),
                medicine("4", "Augmentin", "أوجمنتين", "amoxicillin + clavulanic acid", "أموكسيسيلين + حمض الكلافيولانيك", "1 g", "film-coated tablet", "J01CR02", "GSK", null, "registered"),
                medicine("5", "Zantac", "زانتاك", "ranitidine", "رانيتيدين", "150 mg", "tablet", "A02BA02", "GSK", null, "withdrawn"),
                medicine("6", "Ranitak", "رانيتاك", "ranitidine", "رانيتيدين", "150 mg", "tablet", "A02BA02", "Amoun", null, "registered"),
                medicine("7", "Ventolin", "فنتولين", "salbutamol", "سالبوتامول", "100 mcg", "inhaler", "R03AC02", "GSK", null, "registered"),
                medicine("8", "Cataflam", "كتافلام", "diclofenac potassium", "ديكلوفيناك بوتاسيوم", "50 mg", "tablet", "M01AB05", "Novartis", null, "registered"))) {
            index.upsert(m);
        }
        index.commit("8");
        index.refresh();
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    List<String> search(String text) throws IOException {
        return index.search(new MedicineQuery(text, null, null, null, null, 10, 0)).hits().stream()
                .map(h -> h.medicine().tradeNameEn()).toList();
    }

    @Test
    void exactTradeNameRanksFirstInEitherScript() throws IOException {
        assertThat(search("panadol")).startsWith("Panadol");
        assertThat(search("بانادول")).startsWith("Panadol");
        assertThat(search("PANADOL extra")).startsWith("Panadol Extra");
    }

    @Test
    void latinSpellingsTyposAndVariantsFindTheBrand() throws IOException {
        assertThat(search("banadol")).first().isEqualTo("Panadol");
        assertThat(search("panadl")).contains("Panadol");
        assertThat(search("اوجمنتين")).as("alef variants").startsWith("Augmentin");
        assertThat(search("ابيمول")).startsWith("Abimol");
    }

    @Test
    void aWordThatIsAlreadyANameIsNotTreatedAsATypo() throws IOException {
        index.upsert(medicine("9", "Ranitax", "رانيتاكس", "ranitidine", "رانيتيدين", "300 mg", "tablet", "A02BA02", "Eva", null, "registered"));
        index.refresh();
        assertThat(search("ranitak")).as("an existing brand word: no near misses").doesNotContain("Ranitax");
        assertThat(search("ranitaz")).as("a typo: both near misses").contains("Ranitak", "Ranitax");
    }

    @Test
    void genericNamesAndTheirSynonymsFindEveryBrand() throws IOException {
        assertThat(search("paracetamol")).contains("Panadol", "Panadol Extra", "Abimol");
        assertThat(search("acetaminophen")).contains("Panadol", "Abimol");
        assertThat(search("albuterol")).containsExactly("Ventolin");
        assertThat(search("باراسيتامول")).contains("Panadol", "Abimol");
    }

    @Test
    void strengthsCodesAndBarcodes() throws IOException {
        assertThat(search("paracetamol 1000 mg")).first().isEqualTo("Abimol");
        assertThat(search("paracetamol 1000")).as("a bare number ranks, never excludes").first().isEqualTo("Abimol");
        assertThat(search("cataflam 50")).containsExactly("Cataflam");
        assertThat(search("cataflam 75")).as("no such strength: still the brand").containsExactly("Cataflam");
        assertThat(search("N02BE")).contains("Panadol", "Abimol", "Panadol Extra").doesNotContain("Cataflam");
        assertThat(search("6220000000011")).containsExactly("Panadol");
        assertThat(search("EG-4")).first().isEqualTo("Augmentin");
    }

    @Test
    void withdrawnProductsAreFoundButRankBelowRegisteredOnes() throws IOException {
        var hits = index.search(new MedicineQuery("ranitidine", null, null, null, null, 10, 0)).hits();

        assertThat(hits).extracting(h -> h.medicine().tradeNameEn()).containsExactly("Ranitak", "Zantac");
        assertThat(hits.get(1).medicine().status()).isEqualTo("withdrawn");
    }

    @Test
    void queryTextIsTextNeverLuceneSyntax() throws IOException {
        for (String odd : List.of("panadol AND (", "\"", "*:*", "name:~2", "\\", "؟؟", "   ")) {
            index.search(new MedicineQuery(odd, null, null, null, null, 10, 0));
        }
    }

    @Test
    void filtersFacetsAndHighlights() throws IOException {
        SearchResults results = index.search(new MedicineQuery("paracetamol", null, null, null, "GSK", 10, 0));

        assertThat(results.hits()).extracting(h -> h.medicine().tradeNameEn()).containsOnly("Panadol", "Panadol Extra");
        assertThat(results.facets().get("manufacturer")).containsEntry("GSK", 2);
        assertThat(results.hits().getFirst().highlights().get("genericNameEn")).contains("<em>paracetamol</em>");
    }

    @Test
    void suggestionsCompleteWordsInTheScriptTyped() throws IOException {
        assertThat(index.suggest("pan", 10)).containsExactly("Panadol", "Panadol Extra");
        assertThat(index.suggest("باناد", 10)).contains("بانادول");
        assertThat(index.suggest("ext", 10)).containsExactly("Panadol Extra");
    }

    @Test
    void positionSurvivesReopening() throws IOException {
        index.close();
        index = MedicineIndex.open(dir, Synonyms.none());
        assertThat(index.position()).isEqualTo("8");
        assertThat(search("cataflam")).containsExactly("Cataflam");
    }
}
