package ai.healthflow.search.medicine;

import ai.healthflow.search.SearchIndex;
import ai.healthflow.search.analysis.LatinSkeleton;
import ai.healthflow.search.analysis.MedicineAnalyzer;
import ai.healthflow.search.analysis.PrefixAnalyzer;
import ai.healthflow.search.analysis.SkeletonAnalyzer;
import ai.healthflow.search.analysis.StrengthNormalizer;
import ai.healthflow.search.analysis.TextNormalizer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The medicine index: documents in, ranked bilingual hits, facets and suggestions out. It also remembers how far
 * it has applied the service's change feed ({@link #position()}), inside its own commits, so a restart resumes
 * exactly where the last commit ended.
 *
 * <p>Ranking, from strongest to weakest signal: a barcode, registration number or exact trade name; whole words of
 * trade names; whole words of generic names and their synonyms; word prefixes (as-you-type); sound-alike Latin
 * spellings (p/b, c/k, ph/f …); typos (edit distance 1 for words of 5–8 letters, 2 above, only for words that are
 * not themselves a name word). A stated strength adds to matching products. The result is multiplied by the status: withdrawn products stay findable but rank below.
 */
public final class MedicineIndex implements Closeable {
    static final String ID = "id", REGNO = "regno", GTIN = "gtin", ATC = "atc", STATUS = "status", FORM = "form",
            MAKER = "maker", RANK = "rank", TRADE_EN = "trade_en", TRADE_AR = "trade_ar", GENERIC = "generic",
            MAKER_TEXT = "maker_text", TRADE_EXACT = "trade_exact", SKELETON = "skeleton", PREFIX = "prefix",
            STRENGTH = "strength", SOURCE_PREFIX = "src_", BRAND = "brand";
    static final String POSITION = "outboxPosition";
    static final String LAYOUT = "layout";
    /** Raise when documents gain or change fields, so existing indexes are rebuilt at the next start. */
    static final String LAYOUT_VERSION = "3";
    /** Hits considered when putting brands before repeats of one brand. */
    static final int DIVERSITY_WINDOW = 40;
    private static final Pattern DIGITS = Pattern.compile("\\d{8,14}");
    private static final Pattern ATC_CODE = Pattern.compile("[a-z]\\d{2}([a-z]{1,2}(\\d{2})?)?");
    private static final Pattern ARABIC = Pattern.compile("[\\u0600-\\u06FF]");
    private static final Pattern NUMBER = Pattern.compile("\\d+([.,]\\d+)?");

    private final SearchIndex index;
    private final Analyzer textAnalyzer = new MedicineAnalyzer();
    private final Analyzer prefixQueryAnalyzer = PrefixAnalyzer.forQuerying();
    private final Synonyms synonyms;

    private MedicineIndex(SearchIndex index, Synonyms synonyms) {
        this.index = index;
        this.synonyms = synonyms;
    }

    /** Opens (or creates) the index in {@code directory}. */
    public static MedicineIndex open(Path directory, Synonyms synonyms) throws IOException {
        Analyzer analyzer = new PerFieldAnalyzerWrapper(new MedicineAnalyzer(), Map.of(
                SKELETON, new SkeletonAnalyzer(), PREFIX, PrefixAnalyzer.forIndexing()));
        return new MedicineIndex(SearchIndex.open(directory, analyzer), synonyms);
    }

    public SearchIndex raw() {
        return index;
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    public void upsert(MedicineDocument m) throws IOException {
        index.update(new Term(ID, m.id()), document(m));
    }

    public void delete(String id) throws IOException {
        index.delete(new Term(ID, id));
    }

    /**
     * Makes the changes durable together with the change-feed position they reach: an opaque token of the feed
     * (this library does not interpret it).
     */
    public void commit(String position) throws IOException {
        index.commit(Map.of(POSITION, position, LAYOUT, LAYOUT_VERSION));
    }

    /**
     * True for a new index, or one written with another field layout (an older version of this class): its
     * documents must be indexed again from the source before it can answer correctly.
     */
    public boolean needsRebuild() {
        return position() == null || !LAYOUT_VERSION.equals(index.commitData().get(LAYOUT));
    }

    /** The change-feed position of the last commit; null for a new index. */
    public String position() {
        return index.commitData().get(POSITION);
    }

    /** Makes committed and uncommitted changes visible to searches. */
    public void refresh() throws IOException {
        index.refresh();
    }

    private static Document document(MedicineDocument m) {
        var doc = new Document();
        doc.add(new StringField(ID, m.id(), Field.Store.YES));
        doc.add(new StringField(REGNO, m.registrationNo().toLowerCase(Locale.ROOT), Field.Store.NO));
        if (m.gtin() != null) {
            doc.add(new StringField(GTIN, m.gtin(), Field.Store.NO));
        }
        if (m.atcCode() != null) {
            doc.add(new StringField(ATC, m.atcCode().toUpperCase(Locale.ROOT), Field.Store.NO));
        }
        keyword(doc, STATUS, m.status());
        keyword(doc, FORM, m.dosageForm());
        keyword(doc, MAKER, m.manufacturer());
        doc.add(new SortedDocValuesField(BRAND, new BytesRef(m.tradeNameEn().toLowerCase(Locale.ROOT))));
        doc.add(new FloatDocValuesField(RANK, rank(m.status())));
        doc.add(new TextField(TRADE_EN, m.tradeNameEn(), Field.Store.NO));
        doc.add(new TextField(TRADE_AR, m.tradeNameAr(), Field.Store.NO));
        for (String generic : generics(m)) {
            doc.add(new TextField(GENERIC, generic, Field.Store.NO));
        }
        doc.add(new TextField(MAKER_TEXT, m.manufacturer(), Field.Store.NO));
        doc.add(new StringField(TRADE_EXACT, exact(m.tradeNameEn()), Field.Store.NO));
        doc.add(new StringField(TRADE_EXACT, exact(m.tradeNameAr()), Field.Store.NO));
        doc.add(new TextField(SKELETON, m.tradeNameEn() + " " + m.genericNameEn(), Field.Store.NO));
        for (String text : List.of(m.tradeNameEn(), m.tradeNameAr(), m.genericNameEn(), m.genericNameAr())) {
            doc.add(new TextField(PREFIX, text, Field.Store.NO));
        }
        if (m.strength() != null) {
            for (String strength : StrengthNormalizer.canonicalStrengths(m.strength())) {
                doc.add(new StringField(STRENGTH, strength, Field.Store.NO));
            }
        }
        MedicineDocuments.store(doc, m);
        return doc;
    }

    private static List<String> generics(MedicineDocument m) {
        var all = new LinkedHashSet<String>();
        all.add(m.genericNameEn());
        all.add(m.genericNameAr());
        all.addAll(m.ingredientsEn());
        all.addAll(m.ingredientsAr());
        return List.copyOf(all);
    }

    private static void keyword(Document doc, String field, String value) {
        doc.add(new StringField(field, value, Field.Store.NO));
        doc.add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    static float rank(String status) {
        return switch (status) {
            case "registered" -> 1.0f;
            case "suspended" -> 0.5f;
            default -> 0.25f; // withdrawn: still found, below the others
        };
    }

    static String exact(String name) {
        return TextNormalizer.normalize(name).strip().replaceAll("\\s+", " ");
    }

    // ---- searching ---------------------------------------------------------------------------------------------

    public SearchResults search(MedicineQuery query) throws IOException {
        return index.withSearcher(searcher -> {
            Query lucene = FunctionScoreQuery.boostByValue(build(query, searcher.getIndexReader()),
                    DoubleValuesSource.fromFloatField(RANK));
            int wanted = query.offset() + query.limit();
            // one pass: the top hits (exact total) and the facet counts over every match
            Object[] results = searcher.search(lucene, new MultiCollectorManager(
                    new TopScoreDocCollectorManager(Math.max(wanted, DIVERSITY_WINDOW), null, Integer.MAX_VALUE),
                    Facets.manager(FORM, MAKER, STATUS)));
            TopDocs top = (TopDocs) results[0];
            @SuppressWarnings("unchecked")
            var facets = Facets.sorted((Map<String, Map<String, Integer>>) results[1], FORM, MAKER, STATUS);
            // order by brand from doc values; stored fields are read only for the page shown
            List<ScoreDoc> page = diversify(searcher, top.scoreDocs);
            page = page.subList(Math.min(query.offset(), page.size()), Math.min(wanted, page.size()));
            List<String> words = words(query.text());
            List<MedicineHit> hits = new ArrayList<>(page.size());
            for (ScoreDoc doc : page) {
                MedicineDocument m = MedicineDocuments.load(searcher.storedFields().document(doc.doc));
                hits.add(new MedicineHit(m, doc.score, Highlights.of(m, words, synonyms)));
            }
            return new SearchResults(top.totalHits.value(), hits, facets);
        });
    }

    private static List<ScoreDoc> diversify(IndexSearcher searcher, ScoreDoc[] ranked) throws IOException {
        // brands read segment by segment in doc order: one doc-values iterator per segment, forward only
        ScoreDoc[] byDoc = ranked.clone();
        java.util.Arrays.sort(byDoc, java.util.Comparator.comparingInt(d -> d.doc));
        Map<Integer, String> brands = new java.util.HashMap<>();
        var leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        org.apache.lucene.index.SortedDocValues values = null;
        int docBase = 0;
        for (ScoreDoc doc : byDoc) {
            int leaf = org.apache.lucene.index.ReaderUtil.subIndex(doc.doc, leaves);
            if (leaf != leafIndex) {
                leafIndex = leaf;
                docBase = leaves.get(leaf).docBase;
                values = org.apache.lucene.index.DocValues.getSorted(leaves.get(leaf).reader(), BRAND);
            }
            brands.put(doc.doc, values.advanceExact(doc.doc - docBase)
                    ? values.lookupOrd(values.ordValue()).utf8ToString() : "");
        }
        List<Ranked> candidates = new ArrayList<>(ranked.length);
        for (ScoreDoc doc : ranked) {
            candidates.add(new Ranked(doc, brands.get(doc.doc)));
        }
        return diversify(candidates).stream().map(Ranked::doc).toList();
    }

    /** A hit and its brand, for ordering. */
    record Ranked(ScoreDoc doc, String brand) {
    }

    /**
     * Brands before repeats: a searcher for "paracetamol" should see eleven brands, not one brand's five strengths
     * first. A brand's first product moves ahead of another brand's further products when it scores at least half
     * as well; otherwise score order stands (an exact brand query keeps all its strengths on top).
     */
    static List<Ranked> diversify(List<Ranked> ranked) {
        List<Ranked> remaining = new ArrayList<>(ranked);
        List<Ranked> ordered = new ArrayList<>(ranked.size());
        Set<String> shown = new java.util.HashSet<>();
        while (!remaining.isEmpty()) {
            Ranked best = remaining.getFirst();
            Ranked pick = best;
            if (shown.contains(best.brand())) {
                for (Ranked candidate : remaining) {
                    if (candidate.doc().score < best.doc().score * 0.5f) {
                        break;
                    }
                    if (!shown.contains(candidate.brand())) {
                        pick = candidate;
                        break;
                    }
                }
            }
            remaining.remove(pick);
            shown.add(pick.brand());
            ordered.add(pick);
        }
        return ordered;
    }

    Query build(MedicineQuery query, IndexReader reader) throws IOException {
        String normalized = TextNormalizer.normalize(query.text()).strip();
        StrengthNormalizer.Extraction extraction = StrengthNormalizer.extract(normalized);
        String remainder = extraction.remainder().strip().replaceAll("\\s+", " ");

        var anyOf = new BooleanQuery.Builder();
        String compact = normalized.replace(" ", "");
        if (DIGITS.matcher(compact).matches()) {
            anyOf.add(boost(new TermQuery(new Term(GTIN, compact)), 50), BooleanClause.Occur.SHOULD);
        }
        if (ATC_CODE.matcher(compact).matches()) {
            anyOf.add(boost(new PrefixQuery(new Term(ATC, compact.toUpperCase(Locale.ROOT))), 20), BooleanClause.Occur.SHOULD);
        }
        anyOf.add(boost(new TermQuery(new Term(REGNO, normalized.toLowerCase(Locale.ROOT))), 50), BooleanClause.Occur.SHOULD);
        if (!remainder.isEmpty()) {
            anyOf.add(boost(new TermQuery(new Term(TRADE_EXACT, remainder)), 25), BooleanClause.Occur.SHOULD);
            Query words = wordsQuery(remainder, reader);
            if (words != null) {
                anyOf.add(words, BooleanClause.Occur.SHOULD);
            }
            for (String other : synonyms.of(remainder)) {
                Query synonym = allWords(GENERIC, other);
                if (synonym != null) {
                    anyOf.add(boost(synonym, 2), BooleanClause.Occur.SHOULD);
                }
            }
        }

        var root = new BooleanQuery.Builder();
        if (remainder.isEmpty() && !extraction.strengths().isEmpty()) {
            var strengths = new BooleanQuery.Builder();
            extraction.strengths().forEach(s -> strengths.add(new TermQuery(new Term(STRENGTH, s)), BooleanClause.Occur.SHOULD));
            root.add(strengths.build(), BooleanClause.Occur.MUST);
        } else {
            root.add(anyOf.build(), BooleanClause.Occur.MUST);
            for (String strength : extraction.strengths()) {
                root.add(boost(new TermQuery(new Term(STRENGTH, strength)), 3), BooleanClause.Occur.SHOULD);
            }
        }
        filter(root, STATUS, query.status());
        filter(root, FORM, query.dosageForm());
        filter(root, MAKER, query.manufacturer());
        if (query.atc() != null) {
            root.add(new PrefixQuery(new Term(ATC, query.atc().toUpperCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
        }
        return root.build();
    }

    /** Every word must match somewhere: as a word, a word prefix (the last one), a sound-alike or a near miss. */
    private Query wordsQuery(String remainder, IndexReader reader) throws IOException {
        List<String> raw = List.of(remainder.split(" "));
        var all = new BooleanQuery.Builder();
        int clauses = 0;
        List<Query> numbers = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String word = raw.get(i);
            if (NUMBER.matcher(word).matches()) {
                // a bare number ("glucophage 1000") is most likely a strength without its unit: it ranks, never excludes
                numbers.add(boost(new PrefixQuery(new Term(STRENGTH, word)), 2));
                continue;
            }
            List<String> forms = FormWords.of(word);
            if (!forms.isEmpty() && raw.size() > 1) {
                // "augmentin suspension", "panadol شراب": the form word prefers that form, it does not have to match
                forms.forEach(form -> numbers.add(boost(new TermQuery(new Term(FORM, form)), 3)));
                continue;
            }
            List<String> stems = analyze(textAnalyzer, TRADE_EN, word);
            if (stems.isEmpty()) {
                continue;
            }
            var one = new BooleanQuery.Builder();
            for (String stem : stems) {
                one.add(boost(new TermQuery(new Term(TRADE_EN, stem)), 4), BooleanClause.Occur.SHOULD);
                one.add(boost(new TermQuery(new Term(TRADE_AR, stem)), 4), BooleanClause.Occur.SHOULD);
                one.add(boost(new TermQuery(new Term(GENERIC, stem)), 2), BooleanClause.Occur.SHOULD);
                one.add(boost(new TermQuery(new Term(MAKER_TEXT, stem)), 0.5f), BooleanClause.Occur.SHOULD);
                int edits = stem.length() <= 4 ? 0 : stem.length() <= 8 ? 1 : 2;
                if (edits > 0 && !isName(reader, stem)) {
                    // near misses of names; 20 expansions per field keep broad words cheap (the tail of p99)
                    for (String field : List.of(TRADE_EN, TRADE_AR, GENERIC)) {
                        one.add(boost(new FuzzyQuery(new Term(field, stem), edits, 1, 20, true), 0.6f),
                                BooleanClause.Occur.SHOULD);
                    }
                }
            }
            for (String prefix : analyze(prefixQueryAnalyzer, PREFIX, word)) {
                if (prefix.length() >= 2) {
                    one.add(boost(new TermQuery(new Term(PREFIX, prefix)), i == raw.size() - 1 ? 1.5f : 0.8f),
                            BooleanClause.Occur.SHOULD);
                }
            }
            if (!ARABIC.matcher(word).find() && word.length() >= 3) {
                one.add(boost(new TermQuery(new Term(SKELETON, LatinSkeleton.of(word))), 1.5f), BooleanClause.Occur.SHOULD);
            }
            for (String other : synonyms.of(word)) {
                Query synonym = allWords(GENERIC, other);
                if (synonym != null) {
                    one.add(boost(synonym, 2), BooleanClause.Occur.SHOULD);
                }
            }
            all.add(one.build(), BooleanClause.Occur.MUST);
            clauses++;
        }
        if (clauses == 0) {
            return null;
        }
        numbers.forEach(number -> all.add(number, BooleanClause.Occur.SHOULD));
        return all.build();
    }

    /**
     * A word that is itself a trade or generic name word is not a typo: its near misses would only add noise
     * (other brands one letter away) and cost (automata over three fields), so they are not searched.
     */
    private static boolean isName(IndexReader reader, String stem) throws IOException {
        for (String field : List.of(TRADE_EN, TRADE_AR, GENERIC)) {
            if (reader.docFreq(new Term(field, stem)) > 0) {
                return true;
            }
        }
        return false;
    }

    private Query allWords(String field, String text) throws IOException {
        List<String> terms = analyze(textAnalyzer, field, text);
        if (terms.isEmpty()) {
            return null;
        }
        var all = new BooleanQuery.Builder();
        terms.forEach(t -> all.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.MUST));
        return all.build();
    }

    // ---- suggesting --------------------------------------------------------------------------------------------

    /** Up to {@code limit} completions for what the user has typed so far, best first, without duplicates. */
    public List<String> suggest(String typed, int limit) throws IOException {
        List<String> prefixes = analyze(prefixQueryAnalyzer, PREFIX, typed);
        if (prefixes.isEmpty()) {
            return List.of();
        }
        var all = new BooleanQuery.Builder();
        prefixes.forEach(p -> all.add(new TermQuery(new Term(PREFIX, p)), BooleanClause.Occur.MUST));
        Query query = FunctionScoreQuery.boostByValue(all.build(), DoubleValuesSource.fromFloatField(RANK));
        boolean arabic = ARABIC.matcher(typed).find();
        return index.withSearcher(searcher -> {
            Set<String> completions = new LinkedHashSet<>();
            for (ScoreDoc hit : searcher.search(query, limit * 5).scoreDocs) {
                MedicineDocument m = MedicineDocuments.load(searcher.storedFields().document(hit.doc));
                String trade = arabic ? m.tradeNameAr() : m.tradeNameEn();
                String generic = arabic ? m.genericNameAr() : m.genericNameEn();
                completions.add(startsWithEach(trade, prefixes) || !startsWithEach(generic, prefixes) ? trade : generic);
                if (completions.size() == limit) {
                    break;
                }
            }
            return List.copyOf(completions);
        });
    }

    private boolean startsWithEach(String text, List<String> prefixes) throws IOException {
        List<String> words = analyze(prefixQueryAnalyzer, PREFIX, text);
        return prefixes.stream().allMatch(p -> words.stream().anyMatch(w -> w.startsWith(p)));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static List<String> words(String text) {
        String normalized = StrengthNormalizer.extract(TextNormalizer.normalize(text)).remainder();
        List<String> words = new ArrayList<>();
        for (String word : normalized.split("\\s+")) {
            if (!word.isBlank()) {
                words.add(word);
            }
        }
        return words;
    }

    static List<String> analyze(Analyzer analyzer, String field, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (var stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    private static void filter(BooleanQuery.Builder root, String field, String value) {
        if (value != null) {
            root.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    private static Query boost(Query query, float boost) {
        return new BoostQuery(query, boost);
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
