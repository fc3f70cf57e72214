package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzers in a real index, one field each, the way the service is expected to wire them: a worked example
 * as much as a test. Every query here goes through an analyzer or normaliser, never through raw user text.
 */
class AnalysisSearchTest {
    static final String NAME = "name";
    static final String SOUND = "name_sound";
    static final String SUGGEST = "name_suggest";
    static final String STRENGTH = "strength";

    static final Analyzer MEDICINE = new MedicineAnalyzer();
    static final Analyzer SKELETON = new SkeletonAnalyzer();
    static final Analyzer PREFIX_QUERY = PrefixAnalyzer.forQuerying();
    static final Analyzer INDEXING = new PerFieldAnalyzerWrapper(MEDICINE,
            Map.of(SOUND, SKELETON, SUGGEST, PrefixAnalyzer.forIndexing()));

    static Directory directory;
    static DirectoryReader reader;
    static IndexSearcher searcher;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(INDEXING))) {
            add(writer, "panadol-extra", "Panadol Extra بانادول اكسترا", "500 mg");
            add(writer, "paracetamol", "الباراسيتامول أقراص", "٥٠٠ مجم");
            add(writer, "augmentin", "Augmentin أوجمنتين", "1 g");
            add(writer, "voltaren", "Voltaren ڤولتارين", "50mg");
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
        INDEXING.close(); // closes nothing shared: the wrapped analyzers are closed below
        for (Analyzer analyzer : List.of(MEDICINE, SKELETON, PREFIX_QUERY)) {
            analyzer.close();
        }
    }

    private static void add(IndexWriter writer, String id, String name, String strength) throws IOException {
        Document doc = new Document();
        doc.add(new StringField("id", id, Field.Store.YES));
        doc.add(new TextField(NAME, name, Field.Store.NO));
        doc.add(new TextField(SOUND, name, Field.Store.NO));
        doc.add(new TextField(SUGGEST, name, Field.Store.NO));
        for (String canonical : StrengthNormalizer.canonicalStrengths(strength)) {
            doc.add(new StringField(STRENGTH, canonical, Field.Store.NO));
        }
        writer.addDocument(doc);
    }

    @Test
    void articleAndHamzaSpellingsFindEachOther() throws IOException {
        assertThat(search(allTerms(NAME, MEDICINE, "باراسيتامول"))).containsExactly("paracetamol");
        assertThat(search(allTerms(NAME, MEDICINE, "اوجمنتين"))).containsExactly("augmentin");
    }

    @Test
    void strengthInArabicDigitsMatchesLatinStrength() throws IOException {
        StrengthNormalizer.Extraction query = StrengthNormalizer.extract("Panadol إكسترا ٥٠٠ مجم");
        BooleanQuery.Builder both = new BooleanQuery.Builder()
                .add(allTerms(NAME, MEDICINE, query.remainder()), BooleanClause.Occur.MUST);
        query.strengths().forEach(s -> both.add(new TermQuery(new Term(STRENGTH, s)), BooleanClause.Occur.MUST));
        assertThat(search(both.build())).containsExactly("panadol-extra");
    }

    @Test
    void gramsMatchMilligrams() throws IOException {
        assertThat(search(new TermQuery(new Term(STRENGTH, StrengthNormalizer.canonicalStrengths("1000mg").getFirst()))))
                .containsExactly("augmentin");
    }

    @Test
    void latinSpellingsSoundAlike() throws IOException {
        assertThat(search(allTerms(SOUND, SKELETON, "banadol"))).containsExactly("panadol-extra");
        assertThat(search(allTerms(SOUND, SKELETON, "foltarin"))).containsExactly("voltaren");
        assertThat(search(allTerms(SOUND, SKELETON, "ogmentin"))).containsExactly("augmentin");
    }

    @Test
    void suggestionsMatchWhatIsTyped() throws IOException {
        assertThat(search(allTerms(SUGGEST, PREFIX_QUERY, "باراس"))).containsExactly("paracetamol");
        assertThat(search(allTerms(SUGGEST, PREFIX_QUERY, "الباراس"))).containsExactly("paracetamol");
        assertThat(search(allTerms(SUGGEST, PREFIX_QUERY, "PANADOL ex"))).containsExactly("panadol-extra");
        assertThat(search(allTerms(SUGGEST, PREFIX_QUERY, "ڤولت"))).containsExactly("voltaren");
    }

    @Test
    void fuzzyQueriesUseTheAnalysedTerm() throws IOException {
        // analyse first (article removed, characters normalised), then allow typos on the stemmed term
        List<String> typed = Tokens.terms(MEDICINE, "الباراسيتمول");
        assertThat(typed).containsExactly("باراسيتمول");
        assertThat(search(new FuzzyQuery(new Term(NAME, typed.getFirst()), 1))).containsExactly("paracetamol");
    }

    /** Every analysed term of {@code text} must match. */
    private static Query allTerms(String field, Analyzer analyzer, String text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : Tokens.terms(analyzer, text)) {
            query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.MUST);
        }
        return query.build();
    }

    private static List<String> search(Query query) throws IOException {
        List<String> ids = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, 10).scoreDocs) {
            ids.add(searcher.storedFields().document(hit.doc).get("id"));
        }
        return ids;
    }
}
