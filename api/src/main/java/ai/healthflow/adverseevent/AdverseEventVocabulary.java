package ai.healthflow.adverseevent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed vocabularies of a report, each mapped to its ICH E2B(R3) code so the export needs no second list.
 * Keys are the API values (snake_case), values the E2B codes.
 */
public final class AdverseEventVocabulary {
    /** D.5 sex (ISO 5218: 1 male, 2 female); unknown is sent as a null flavour. */
    public static final Map<String, String> SEXES = ordered("female", "2", "male", "1", "unknown", null);
    /** D.2.3 patient age group (OID 2.16.840.1.113883.3.989.2.1.1.9). */
    public static final Map<String, String> AGE_GROUPS = ordered("foetus", "0", "neonate", "1", "infant", "2",
            "child", "3", "adolescent", "4", "adult", "5", "elderly", "6");
    /** E.i.7 outcome (OID 2.16.840.1.113883.3.989.2.1.1.11). */
    public static final Map<String, String> OUTCOMES = ordered("recovered", "1", "recovering", "2",
            "not_recovered", "3", "recovered_with_sequelae", "4", "fatal", "5", "unknown", "0");
    /** E.i.3.2a–f seriousness criteria: the observation code (OID 2.16.840.1.113883.3.989.2.1.1.19) of each. */
    public static final Map<String, String> SERIOUSNESS_CRITERIA = ordered("death", "34", "life_threatening", "21",
            "hospitalisation", "33", "disability", "35", "congenital_anomaly", "12", "other_medically_important", "26");
    /** G.k.4.r.10 route of administration (E2B route list, OID 2.16.840.1.113883.3.989.2.1.1.14). */
    public static final Map<String, String> ROUTES = ordered("oral", "048", "sublingual", "060", "buccal", "002",
            "intravenous", "042", "intramuscular", "030", "subcutaneous", "058", "intradermal", "023",
            "topical", "061", "transdermal", "062", "inhalation", "055", "nasal", "045", "ophthalmic", "047",
            "otic", "001", "rectal", "054", "vaginal", "067", "other", "050", "unknown", "065");
    /** G.k.8 action taken with the drug (OID 2.16.840.1.113883.3.989.2.1.1.15). */
    public static final Map<String, String> ACTIONS = ordered("withdrawn", "1", "dose_reduced", "2",
            "dose_increased", "3", "dose_not_changed", "4", "unknown", "0", "not_applicable", "9");
    /** WHO-UMC causality categories. */
    public static final List<String> WHO_UMC = List.of("certain", "probable", "possible", "unlikely", "conditional",
            "unassessable");
    /** Naranjo adverse drug reaction probability scale: total score range. */
    public static final int NARANJO_MIN = -4;
    public static final int NARANJO_MAX = 13;

    private AdverseEventVocabulary() {
    }

    /** The Naranjo category of a total score: definite ≥ 9, probable 5–8, possible 1–4, doubtful ≤ 0. */
    public static String naranjoCategory(int score) {
        if (score >= 9) {
            return "definite";
        }
        if (score >= 5) {
            return "probable";
        }
        return score >= 1 ? "possible" : "doubtful";
    }

    private static Map<String, String> ordered(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
