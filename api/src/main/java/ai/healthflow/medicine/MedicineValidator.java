package ai.healthflow.medicine;

import ai.healthflow.platform.error.FieldError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every rule a medicine must meet, in one place for the API and the import. Errors are named by API field
 * (camelCase); the importer maps them to its column names.
 */
public final class MedicineValidator {
    private static final Pattern REGISTRATION_NO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/-]{0,39}");
    private static final Pattern ARABIC = Pattern.compile("[\\u0600-\\u06FF]");

    private MedicineValidator() {
    }

    public static List<FieldError> validate(MedicineFields m) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(m.registrationNo())) {
            errors.add(new FieldError("registrationNo", "is required"));
        } else if (!REGISTRATION_NO.matcher(m.registrationNo()).matches()) {
            errors.add(new FieldError("registrationNo", "must be 1 to 40 letters, digits, '-' or '/'"));
        }
        text(errors, "tradeNameEn", m.tradeNameEn(), 200, false);
        text(errors, "tradeNameAr", m.tradeNameAr(), 200, true);
        text(errors, "genericNameEn", m.genericNameEn(), 500, false);
        text(errors, "genericNameAr", m.genericNameAr(), 500, true);
        text(errors, "manufacturer", m.manufacturer(), 200, false);
        if (m.genericNameEn() != null && ingredients(m.genericNameEn()).stream().anyMatch(name -> name.length() > 200)) {
            errors.add(new FieldError("genericNameEn", "each ingredient name must be at most 200 characters"));
        }
        if (m.strength() != null && m.strength().length() > 100) {
            errors.add(new FieldError("strength", "must be at most 100 characters"));
        }
        if (!MedicineVocabulary.DOSAGE_FORMS.contains(m.dosageForm())) {
            errors.add(new FieldError("dosageForm", "must be one of " + MedicineVocabulary.DOSAGE_FORMS));
        }
        if (!MedicineVocabulary.ROUTES.contains(m.route())) {
            errors.add(new FieldError("route", "must be one of " + MedicineVocabulary.ROUTES));
        }
        if (m.atcCode() != null && !MedicineVocabulary.ATC.matcher(m.atcCode()).matches()) {
            errors.add(new FieldError("atcCode", "must be a WHO ATC code such as N02BE01 (any level)"));
        }
        if (m.gtin() != null && !Gtin.isValid(m.gtin())) {
            errors.add(new FieldError("gtin", "must be a GTIN-13 or GTIN-14 with a valid check digit"));
        }
        BigDecimal price = m.priceEgp();
        if (price != null && (price.signum() < 0 || price.stripTrailingZeros().scale() > 2
                || price.compareTo(new BigDecimal("9999999999")) > 0)) {
            errors.add(new FieldError("priceEgp", "must be a non-negative amount with at most 2 decimals"));
        }
        if (!MedicineVocabulary.STATUSES.contains(m.status())) {
            errors.add(new FieldError("status", "must be registered, suspended or withdrawn"));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value, int max, boolean arabic) {
        if (blank(value)) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (arabic && !ARABIC.matcher(value).find()) {
            errors.add(new FieldError(field, "must be written in Arabic"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** "A + B" (either script) → ["A", "B"]: combinations name their ingredients joined by plus signs. */
    public static List<String> ingredients(String genericName) {
        List<String> names = new ArrayList<>();
        for (String part : genericName.split("\\s*\\+\\s*")) {
            if (!part.isBlank()) {
                names.add(part.strip());
            }
        }
        return names;
    }
}
