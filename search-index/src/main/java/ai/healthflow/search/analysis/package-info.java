/**
 * Text analysis for bilingual Arabic/English medicine search as typed in Egyptian pharmacies: trade and generic
 * names in either script, strengths in Arabic or Latin digits, Latin spellings of brands the way Arabic speakers
 * write them.
 *
 * <p>Pure functions, usable without Lucene and at both index and query time:
 * <ul>
 *   <li>{@link ai.healthflow.search.analysis.TextNormalizer}: characters (Arabic orthography, digits, case, accents)</li>
 *   <li>{@link ai.healthflow.search.analysis.StrengthNormalizer}: "٥٠٠ مجم" → 500mg, "1 g" → 1000mg</li>
 *   <li>{@link ai.healthflow.search.analysis.LatinSkeleton}: panadol / banadol / panadole → bndl</li>
 *   <li>{@link ai.healthflow.search.analysis.ArabicLightStemmer}: article, و and light suffixes</li>
 * </ul>
 *
 * <p>Lucene analyzers, one per kind of field:
 * <ul>
 *   <li>{@link ai.healthflow.search.analysis.MedicineAnalyzer}: names and free text (stemmed)</li>
 *   <li>{@link ai.healthflow.search.analysis.SkeletonAnalyzer}: sound-alike field (Latin only)</li>
 *   <li>{@link ai.healthflow.search.analysis.PrefixAnalyzer}: suggestions (edge n-grams, separate query side)</li>
 *   <li>strengths need no analyzer: one {@code StringField} per
 *       {@link ai.healthflow.search.analysis.StrengthNormalizer#canonicalStrengths} value, matched by term queries</li>
 * </ul>
 */
package ai.healthflow.search.analysis;
