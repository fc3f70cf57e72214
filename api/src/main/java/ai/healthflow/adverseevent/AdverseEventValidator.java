package ai.healthflow.adverseevent;

import ai.healthflow.platform.error.FieldError;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every rule a report must meet that needs no database, in one place. Errors are named by JSON path
 * ({@code suspectMedicines[0].stopDate}); whether each medicine exists is checked by the service, which adds its
 * errors to these before answering 422.
 *
 * <p>The ICH E2B(R3) minimum for a valid case: an identifiable patient, at least one suspect medicine and at least
 * one reaction (the reporter comes from the token).
 */
public final class AdverseEventValidator {
    static final int MAX_SUSPECTS = 20;
    static final int MAX_CONCOMITANTS = 50;
    static final int MAX_REACTIONS = 50;
    static final int MAX_NARRATIVE = 20_000;
    private static final Pattern INITIALS = Pattern.compile("\\p{L}[\\p{L}. -]{0,9}");
    private static final Pattern MEDDRA = Pattern.compile("[0-9]{8}");
    private static final BigDecimal MAX_WEIGHT = new BigDecimal("700");

    private AdverseEventValidator() {
    }

    /**
     * @param today the date in Egypt now: no date of the report may be later
     */
    public static List<FieldError> validate(AdverseEventRequest report, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        patient(errors, report.patient(), today);
        List<UUID> suspects = medicines(errors, "suspectMedicines", report.suspectMedicines(), MAX_SUSPECTS, true,
                Set.of(), today);
        medicines(errors, "concomitantMedicines", report.concomitantMedicines(), MAX_CONCOMITANTS, false,
                new HashSet<>(suspects), today);
        reactions(errors, report.reactions(), today);
        seriousness(errors, report.seriousness());
        if (report.narrative() != null && report.narrative().length() > MAX_NARRATIVE) {
            errors.add(new FieldError("narrative", "must be at most " + MAX_NARRATIVE + " characters"));
        }
        return errors;
    }

    private static void patient(List<FieldError> errors, AdverseEventRequest.Patient patient, LocalDate today) {
        if (patient == null) {
            errors.add(new FieldError("patient", "is required"));
            return;
        }
        String initials = AdverseEventRequest.trim(patient.initials());
        boolean knownSex = "female".equals(patient.sex()) || "male".equals(patient.sex());
        if (initials == null && patient.ageYears() == null && patient.ageGroup() == null && patient.birthDate() == null
                && !knownSex) {
            errors.add(new FieldError("patient", "must identify the patient: give at least one of initials, ageYears, "
                    + "ageGroup, birthDate or sex (female or male)"));
        }
        if (initials != null && !INITIALS.matcher(initials).matches()) {
            errors.add(new FieldError("patient.initials", "must be 1 to 10 letters (dots, spaces and hyphens allowed)"));
        }
        if (patient.ageYears() != null && (patient.ageYears() < 0 || patient.ageYears() > 150)) {
            errors.add(new FieldError("patient.ageYears", "must be between 0 and 150"));
        }
        oneOf(errors, "patient.ageGroup", patient.ageGroup(), AdverseEventVocabulary.AGE_GROUPS.keySet());
        notFuture(errors, "patient.birthDate", patient.birthDate(), today);
        oneOf(errors, "patient.sex", patient.sex(), AdverseEventVocabulary.SEXES.keySet());
        BigDecimal weight = patient.weightKg();
        if (weight != null && (weight.signum() <= 0 || weight.compareTo(MAX_WEIGHT) > 0
                || weight.stripTrailingZeros().scale() > 1)) {
            errors.add(new FieldError("patient.weightKg", "must be more than 0 and at most 700, with at most 1 decimal"));
        }
    }

    /** @return the medicine ids listed, for the concomitant list to refuse a suspect listed again */
    private static List<UUID> medicines(List<FieldError> errors, String field, List<AdverseEventRequest.Medicine> list,
                                        int max, boolean required, Set<UUID> suspects, LocalDate today) {
        List<UUID> ids = new ArrayList<>();
        if (list == null || list.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "must list at least one suspect medicine"));
            }
            return ids;
        }
        if (list.size() > max) {
            errors.add(new FieldError(field, "must list at most " + max + " medicines"));
            return ids;
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            AdverseEventRequest.Medicine m = list.get(i);
            if (m == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            if (m.medicineId() == null) {
                errors.add(new FieldError(at + ".medicineId", "is required"));
            } else if (!seen.add(m.medicineId())) {
                errors.add(new FieldError(at + ".medicineId", "is listed twice"));
            } else if (suspects.contains(m.medicineId())) {
                errors.add(new FieldError(at + ".medicineId", "is already listed as a suspect medicine"));
            } else {
                ids.add(m.medicineId());
            }
            maxLength(errors, at + ".batchNumber", m.batchNumber(), 35);
            maxLength(errors, at + ".dose", m.dose(), 100);
            oneOf(errors, at + ".route", m.route(), AdverseEventVocabulary.ROUTES.keySet());
            notFuture(errors, at + ".startDate", m.startDate(), today);
            notFuture(errors, at + ".stopDate", m.stopDate(), today);
            if (m.startDate() != null && m.stopDate() != null && m.stopDate().isBefore(m.startDate())) {
                errors.add(new FieldError(at + ".stopDate", "must not be before startDate"));
            }
            oneOf(errors, at + ".actionTaken", m.actionTaken(), AdverseEventVocabulary.ACTIONS.keySet());
        }
        return ids;
    }

    private static void reactions(List<FieldError> errors, List<AdverseEventRequest.Reaction> list, LocalDate today) {
        if (list == null || list.isEmpty()) {
            errors.add(new FieldError("reactions", "must list at least one reaction"));
            return;
        }
        if (list.size() > MAX_REACTIONS) {
            errors.add(new FieldError("reactions", "must list at most " + MAX_REACTIONS + " reactions"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "reactions[" + i + "]";
            AdverseEventRequest.Reaction r = list.get(i);
            if (r == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            String term = AdverseEventRequest.trim(r.term());
            if (term == null) {
                errors.add(new FieldError(at + ".term", "is required"));
            } else {
                maxLength(errors, at + ".term", term, 250);
            }
            if (r.meddraCode() != null && !MEDDRA.matcher(r.meddraCode()).matches()) {
                errors.add(new FieldError(at + ".meddraCode", "must be an 8-digit MedDRA code"));
            }
            notFuture(errors, at + ".onsetDate", r.onsetDate(), today);
            oneOf(errors, at + ".outcome", r.outcome(), AdverseEventVocabulary.OUTCOMES.keySet());
        }
    }

    private static void seriousness(List<FieldError> errors, AdverseEventRequest.Seriousness seriousness) {
        if (seriousness == null) {
            errors.add(new FieldError("seriousness", "is required"));
            return;
        }
        List<String> criteria = seriousness.criteria() == null ? List.of() : seriousness.criteria();
        if (seriousness.serious() == null) {
            errors.add(new FieldError("seriousness.serious", "is required"));
        } else if (seriousness.serious() && criteria.isEmpty()) {
            errors.add(new FieldError("seriousness.criteria", "must name at least one criterion when serious"));
        } else if (!seriousness.serious() && !criteria.isEmpty()) {
            errors.add(new FieldError("seriousness.criteria", "must be empty when not serious"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < criteria.size(); i++) {
            String at = "seriousness.criteria[" + i + "]";
            String criterion = criteria.get(i);
            if (criterion == null || !AdverseEventVocabulary.SERIOUSNESS_CRITERIA.containsKey(criterion)) {
                errors.add(new FieldError(at, "must be one of " + AdverseEventVocabulary.SERIOUSNESS_CRITERIA.keySet()));
            } else if (!seen.add(criterion)) {
                errors.add(new FieldError(at, "is listed twice"));
            }
        }
    }

    private static void oneOf(List<FieldError> errors, String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + allowed));
        }
    }

    private static void notFuture(List<FieldError> errors, String field, LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            errors.add(new FieldError(field, "must not be in the future"));
        }
    }

    private static void maxLength(List<FieldError> errors, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank (leave it out instead)"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
