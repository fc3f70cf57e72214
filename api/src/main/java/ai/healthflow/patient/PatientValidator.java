package ai.healthflow.patient;

import ai.healthflow.platform.error.FieldError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Every problem with a registration, each naming its field; the national ID must agree with the form. */
final class PatientValidator {
    private static final Pattern ARABIC = Pattern.compile("[\\u0600-\\u06FF]");
    private static final Pattern ICD10 = Pattern.compile("[A-Z]\\d{2}(\\.[0-9A-Z]{1,4})?");
    private static final Set<String> SEXES = Set.of("female", "male");

    private PatientValidator() {
    }

    static List<FieldError> validate(RegisterPatientRequest r, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> idProblem = NationalId.problem(r.nationalId(), today);
        idProblem.ifPresent(p -> errors.add(new FieldError("nationalId", p)));
        name(errors, "nameEn", r.nameEn());
        name(errors, "nameAr", r.nameAr());
        if (r.nameAr() != null && !r.nameAr().isBlank() && !ARABIC.matcher(r.nameAr()).find()) {
            errors.add(new FieldError("nameAr", "must be written in Arabic"));
        }
        if (r.dateOfBirth() == null) {
            errors.add(new FieldError("dateOfBirth", "is required (YYYY-MM-DD)"));
        } else if (r.dateOfBirth().isAfter(today)) {
            errors.add(new FieldError("dateOfBirth", "must not be in the future"));
        }
        if (r.sex() == null || !SEXES.contains(r.sex())) {
            errors.add(new FieldError("sex", "must be female or male"));
        }
        if (idProblem.isEmpty()) {
            NationalId id = NationalId.parse(r.nationalId(), today);
            if (r.dateOfBirth() != null && !id.birthDate().equals(r.dateOfBirth())) {
                errors.add(new FieldError("nationalId", "encodes birth date " + id.birthDate()
                        + ", which differs from dateOfBirth"));
            }
            if (r.sex() != null && SEXES.contains(r.sex()) && !id.sex().equals(r.sex())) {
                errors.add(new FieldError("nationalId", "encodes sex " + id.sex() + " (13th digit), which differs from sex"));
            }
        }
        if (r.phone() != null && !r.phone().isBlank() && phone(r.phone()) == null) {
            errors.add(new FieldError("phone", "must be an Egyptian number such as 01012345678 or +201012345678"));
        }
        List<RegisterPatientRequest.Allergy> allergies = r.allergies() == null ? List.of() : r.allergies();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < allergies.size(); i++) {
            RegisterPatientRequest.Allergy a = allergies.get(i);
            String field = "allergies[" + i + "]";
            if (a == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            if (!"ingredient".equals(a.type()) && !"class".equals(a.type())) {
                errors.add(new FieldError(field + ".type", "must be ingredient or class"));
            }
            if (a.substance() == null || a.substance().isBlank() || a.substance().length() > 200) {
                errors.add(new FieldError(field + ".substance", "is required (at most 200 characters)"));
            } else if (!seen.add(a.type() + ":" + a.substance().strip().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(field + ".substance", "is listed twice"));
            }
            if (a.reaction() != null && a.reaction().length() > 500) {
                errors.add(new FieldError(field + ".reaction", "must be at most 500 characters"));
            }
        }
        List<RegisterPatientRequest.Condition> conditions = r.conditions() == null ? List.of() : r.conditions();
        for (int i = 0; i < conditions.size(); i++) {
            RegisterPatientRequest.Condition c = conditions.get(i);
            if (c == null || c.name() == null || c.name().isBlank() || c.name().length() > 200) {
                errors.add(new FieldError("conditions[" + i + "].name", "is required (at most 200 characters)"));
            }
            if (c != null && c.icd10() != null && !ICD10.matcher(c.icd10()).matches()) {
                errors.add(new FieldError("conditions[" + i + "].icd10", "must be an ICD-10 code such as E11 or I10.0"));
            }
        }
        return errors;
    }

    private static void name(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > 200) {
            errors.add(new FieldError(field, "must be at most 200 characters"));
        }
    }

    /** The number in international form (+20…), or null when it is not an Egyptian number. */
    static String phone(String text) {
        String digits = text.replaceAll("[\\s-]", "");
        if (digits.matches("01[0125]\\d{8}")) {
            return "+2" + digits;
        }
        if (digits.matches("\\+201[0125]\\d{8}")) {
            return digits;
        }
        if (digits.matches("0[2-9]\\d{7,8}")) { // landline with area code
            return "+20" + digits.substring(1);
        }
        return null;
    }
}
