package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static ai.healthflow.search.analysis.Tokens.terms;
import static ai.healthflow.search.analysis.Tokens.termsWithPositions;
import static org.assertj.core.api.Assertions.assertThat;

class AnalyzersTest {
    static final Analyzer MEDICINE = new MedicineAnalyzer();
    static final Analyzer SKELETON = new SkeletonAnalyzer();
    static final Analyzer PREFIX_INDEX = PrefixAnalyzer.forIndexing();
    static final Analyzer PREFIX_QUERY = PrefixAnalyzer.forQuerying();

    @AfterAll
    static void close() {
        for (Analyzer analyzer : List.of(MEDICINE, SKELETON, PREFIX_INDEX, PREFIX_QUERY)) {
            analyzer.close();
        }
    }

    @Nested
    class Medicine {
        @Test
        void articleIsRemovedSoBothSpellingsShareAStem() {
            assertThat(terms(MEDICINE, "الباراسيتامول")).isEqualTo(terms(MEDICINE, "باراسيتامول"))
                    .containsExactly("باراسيتامول");
        }

        @Test
        void hamzaSpellingsMeet() {
            assertThat(terms(MEDICINE, "أموكسيسيلين")).isEqualTo(terms(MEDICINE, "اموكسيسيلين"));
        }

        @Test
        void arabicDigitsMeetAsciiDigits() {
            assertThat(terms(MEDICINE, "٥٠٠")).isEqualTo(terms(MEDICINE, "500")).containsExactly("500");
        }

        @Test
        void englishPluralsAndCaseMeet() {
            assertThat(terms(MEDICINE, "Tablets")).isEqualTo(terms(MEDICINE, "tablet")).containsExactly("tablet");
        }

        @Test
        void possessiveIsRemoved() {
            assertThat(terms(MEDICINE, "Panadol's")).containsExactly("panadol");
        }

        @Test
        void arabicPluralAndSingularMeet() {
            assertThat(terms(MEDICINE, "كبسولات")).isEqualTo(terms(MEDICINE, "كبسولة"));
        }

        @Test
        void wordGluedToNumberIsSplit() {
            assertThat(termsWithPositions(MEDICINE, "بانادول500 x"))
                    .containsExactly("بانادول@0", "500@1", "x@2");
            assertThat(terms(MEDICINE, "500mg")).containsExactly("500", "mg");
        }

        @Test
        void mixedScriptQueries() {
            assertThat(terms(MEDICINE, "بانادول اكسترا 500 mg"))
                    .containsExactly("بانادول", "اكسترا", "500", "mg");
            assertThat(terms(MEDICINE, "Panadol إكسترا ٥٠٠ مجم"))
                    .containsExactly("panadol", "اكسترا", "500", "مجم");
        }

        @Test
        void tashkeelTatweelAndPresentationFormsDisappear() {
            assertThat(terms(MEDICINE, "بَانَـــادُول ﺑﺎﻧﺎﺩﻭﻝ")).containsExactly("بانادول", "بانادول");
        }

        @Test
        void tokenThatWasOnlyTatweelIsDropped() {
            assertThat(termsWithPositions(MEDICINE, "بانادول ـــ اكسترا"))
                    .containsExactly("بانادول@0", "اكسترا@2");
        }

        @Test
        void decimalsStayWhole() {
            assertThat(terms(MEDICINE, "٠٫٥ 2.5mg")).containsExactly("0.5", "2.5", "mg");
        }

        @Test
        void protectedTermsAreNotStemmed() {
            try (var analyzer = new MedicineAnalyzer(new CharArraySet(List.of("فيتامين", "lasix"), false))) {
                assertThat(terms(analyzer, "فيتامين فيتامينات")).containsExactly("فيتامين", "فيتام");
            }
        }

        @Test
        void normalizeOnlyNormalisesCharacters() {
            // used by Lucene for prefix/fuzzy/wildcard terms: no stemming, no article removal
            assertThat(MEDICINE.normalize("name", "الباراسيتا")).isEqualTo(new BytesRef("الباراسيتا"));
            assertThat(MEDICINE.normalize("name", "أموكسي")).isEqualTo(new BytesRef("اموكسي"));
            assertThat(MEDICINE.normalize("name", "TABLETS")).isEqualTo(new BytesRef("tablets"));
            assertThat(MEDICINE.normalize("name", "ـ")).isEqualTo(new BytesRef(""));
        }
    }

    @Nested
    class Skeleton {
        @Test
        void latinSpellingsOfOneBrandMeet() {
            assertThat(terms(SKELETON, "Panadol")).isEqualTo(terms(SKELETON, "banadol"))
                    .isEqualTo(terms(SKELETON, "PANADOLE")).containsExactly("bndl");
            assertThat(terms(SKELETON, "Voltaren")).isEqualTo(terms(SKELETON, "foltarin"));
        }

        @Test
        void onlyLatinWordsAreKept() {
            assertThat(terms(SKELETON, "Panadol بانادول 500 Extra")).containsExactly("bndl", "akstr");
        }

        @Test
        void gluedNumbersAreSplitOff() {
            assertThat(terms(SKELETON, "voltaren50")).containsExactly("fltrn");
        }

        @Test
        void eachLatinWordGivesExactlyItsLatinSkeleton() {
            // the contract query code relies on when it builds skeleton terms with LatinSkeleton.of directly
            for (String word : List.of("Tablets", "panadol's", "Voltarén", "CIPROFLOXACIN", "x", "co")) {
                assertThat(terms(SKELETON, word)).as(word).containsExactly(LatinSkeleton.of(word));
                assertThat(SKELETON.normalize("sound", word)).as(word).isEqualTo(new BytesRef(LatinSkeleton.of(word)));
            }
        }

        @Test
        void hyphenatedNamesAreSeparateWords() {
            assertThat(terms(SKELETON, "co-amoxiclav")).containsExactly("k", "amksklf");
        }

        @Test
        void normalizeMapsATermToItsSkeleton() {
            assertThat(SKELETON.normalize("sound", "Ciprofloxacin")).isEqualTo(new BytesRef("sbrflksn"));
            assertThat(SKELETON.normalize("sound", "بانادول")).isEqualTo(new BytesRef(""));
        }
    }

    @Nested
    class Prefix {
        @Test
        void indexSideEmitsEdgeNGrams() {
            assertThat(terms(PREFIX_INDEX, "Adol")).containsExactly("a", "ad", "ado", "adol");
        }

        @Test
        void indexSideKeepsBothArticleForms() {
            List<String> grams = terms(PREFIX_INDEX, "البانادول");
            assertThat(grams).contains("ا", "ال", "الب", "البانادول", "ب", "با", "بان", "بانادول");
        }

        @Test
        void longWordsAreKeptWhole() {
            String longWord = "a".repeat(25);
            assertThat(terms(PREFIX_INDEX, longWord)).hasSize(PrefixAnalyzer.MAX_GRAM + 1).contains(longWord);
        }

        @Test
        void querySideDoesNotNGram() {
            assertThat(terms(PREFIX_QUERY, "Panad إكس ٥٠")).containsExactly("panad", "اكس", "50");
        }

        @Test
        void typedPrefixesAreIndexedGrams() {
            List<String> indexed = terms(PREFIX_INDEX, "Panadol إكسترا الباراسيتامول ٥٠٠مجم");
            for (String typed : List.of("PAN", "panadol", "اكس", "إكسترا", "الباراس", "باراس", "٥٠", "مج")) {
                assertThat(indexed).containsAll(terms(PREFIX_QUERY, typed));
            }
        }

        @Test
        void normalizeNormalisesCharacters() {
            assertThat(PREFIX_QUERY.normalize("suggest", "إكس")).isEqualTo(new BytesRef("اكس"));
        }
    }
}
