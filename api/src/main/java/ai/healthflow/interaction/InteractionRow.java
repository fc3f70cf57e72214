package ai.healthflow.interaction;

import ai.healthflow.medicine.importing.ImportRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One interaction between two ingredients, as the files carry it ({@code interactions.csv} and imports). The same
 * rules apply to the bundled file and to an import.
 *
 * @param ingredientA as written, normalised (trimmed, lowercase, single spaces)
 * @param ingredientB as written, normalised
 */
record InteractionRow(int line, String ingredientA, String ingredientB, String severity, String descriptionEn,
                      String descriptionAr, String managementEn, String managementAr, String source) {
    /** The columns, in the order the files list them. */
    static final List<String> COLUMNS = List.of("ingredient_a", "ingredient_b", "severity", "description_en",
            "description_ar", "management_en", "management_ar", "source");
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 4000;
    static final int MAX_SOURCE = 500;
    static final Pattern ARABIC_LETTER = Pattern.compile("[\\u0621-\\u064A]");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    /** The pair in canonical order (the order the table stores it in). */
    String first() {
        return ingredientA.compareTo(ingredientB) < 0 ? ingredientA : ingredientB;
    }

    String second() {
        return ingredientA.compareTo(ingredientB) < 0 ? ingredientB : ingredientA;
    }

    /** Whether the clinical content (not the order of the pair) equals a stored row's. */
    boolean sameContent(String severity, String descriptionEn, String descriptionAr, String managementEn,
                        String managementAr, String source) {
        return this.severity.equals(severity) && this.descriptionEn.equals(descriptionEn)
                && this.descriptionAr.equals(descriptionAr) && this.managementEn.equals(managementEn)
                && this.managementAr.equals(managementAr) && this.source.equals(source);
    }

    /** A row, or why it cannot be one (then {@code row} is null). */
    record Parsed(InteractionRow row, List<InteractionImportReport.Rejection> problems) {
    }

    static Parsed parse(ImportRow raw) {
        List<InteractionImportReport.Rejection> problems = new ArrayList<>();
        int line = raw.line();
        String a = ingredient(raw, "ingredient_a", problems);
        String b = ingredient(raw, "ingredient_b", problems);
        if (a != null && a.equals(b)) {
            problems.add(new InteractionImportReport.Rejection(line, "ingredient_b",
                    "must differ from ingredient_a (the same ingredient twice is duplicate therapy, found without a row)"));
        }
        String severity = raw.get("severity") == null ? null : raw.get("severity").toLowerCase(Locale.ROOT);
        if (severity == null) {
            problems.add(new InteractionImportReport.Rejection(line, "severity", "is required"));
        } else if (!Severity.isKnown(severity)) {
            problems.add(new InteractionImportReport.Rejection(line, "severity", "must be one of " + Severity.ALL));
        }
        String descriptionEn = text(raw, "description_en", false, problems);
        String descriptionAr = text(raw, "description_ar", true, problems);
        String managementEn = text(raw, "management_en", false, problems);
        String managementAr = text(raw, "management_ar", true, problems);
        String source = raw.get("source");
        if (source == null) {
            problems.add(new InteractionImportReport.Rejection(line, "source", "is required (the references, separated by '; ')"));
        } else if (source.length() > MAX_SOURCE) {
            problems.add(new InteractionImportReport.Rejection(line, "source", "must be at most " + MAX_SOURCE + " characters"));
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        return new Parsed(new InteractionRow(line, a, b, severity, descriptionEn, descriptionAr, managementEn,
                managementAr, source), List.of());
    }

    /** Trimmed, lowercase, single spaces: how the registry and the knowledge base spell ingredient names. */
    static String normalizedName(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String ingredient(ImportRow raw, String column, List<InteractionImportReport.Rejection> problems) {
        String value = raw.get(column);
        if (value == null) {
            problems.add(new InteractionImportReport.Rejection(raw.line(), column, "is required"));
            return null;
        }
        String name = normalizedName(value);
        String problem = null;
        if (name.length() > MAX_NAME) {
            problem = "must be at most " + MAX_NAME + " characters";
        } else if (name.contains("+")) {
            problem = "must name one ingredient: a combination's ingredients each get their own rows";
        } else if (!LETTER.matcher(name).find() || name.chars().anyMatch(Character::isISOControl)) {
            problem = "must be an ingredient's English name (e.g. warfarin)";
        } else if (ARABIC_LETTER.matcher(name).find()) {
            problem = "must be the English name, as in the registry";
        }
        if (problem != null) {
            problems.add(new InteractionImportReport.Rejection(raw.line(), column, problem));
            return null;
        }
        return name;
    }

    private static String text(ImportRow raw, String column, boolean arabic,
                               List<InteractionImportReport.Rejection> problems) {
        String value = raw.get(column);
        if (value == null) {
            problems.add(new InteractionImportReport.Rejection(raw.line(), column, "is required"));
        } else if (value.length() > MAX_TEXT) {
            problems.add(new InteractionImportReport.Rejection(raw.line(), column, "must be at most " + MAX_TEXT + " characters"));
        } else if (arabic && !ARABIC_LETTER.matcher(value).find()) {
            problems.add(new InteractionImportReport.Rejection(raw.line(), column, "must be Arabic text"));
        } else if (!arabic && ARABIC_LETTER.matcher(value).find()) {
            problems.add(new InteractionImportReport.Rejection(raw.line(), column,
                    "must be English text (the Arabic goes in the _ar column)"));
        }
        return value;
    }
}
