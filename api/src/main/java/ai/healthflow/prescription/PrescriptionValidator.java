package ai.healthflow.prescription;

import ai.healthflow.platform.error.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Field checks of prescribing and dispensing requests, each naming its field. */
final class PrescriptionValidator {
    private PrescriptionValidator() {
    }

    static List<FieldError> validate(PrescriptionRequest r, int maxItems) {
        List<FieldError> errors = new ArrayList<>();
        if (r.patientId() == null) {
            errors.add(new FieldError("patientId", "is required"));
        }
        if (r.items() == null || r.items().isEmpty()) {
            errors.add(new FieldError("items", "prescribe at least one medicine"));
            return errors;
        }
        if (r.items().size() > maxItems) {
            errors.add(new FieldError("items", "at most " + maxItems + " medicines per prescription"));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < r.items().size(); i++) {
            PrescriptionRequest.Item item = r.items().get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            if (item.medicineId() == null) {
                errors.add(new FieldError(at + ".medicineId", "is required"));
            } else if (!seen.add(item.medicineId())) {
                errors.add(new FieldError(at + ".medicineId", "is prescribed twice; combine the items"));
            }
            text(errors, at + ".dose", item.dose(), 100);
            text(errors, at + ".frequency", item.frequency(), 100);
            if (item.durationDays() == null || item.durationDays() < 1 || item.durationDays() > 365) {
                errors.add(new FieldError(at + ".durationDays", "must be 1 to 365"));
            }
            if (item.quantity() == null || item.quantity() < 1 || item.quantity() > 1000) {
                errors.add(new FieldError(at + ".quantity", "must be 1 to 1000"));
            }
            if (item.instructionsEn() != null && item.instructionsEn().length() > 1000) {
                errors.add(new FieldError(at + ".instructionsEn", "must be at most 1000 characters"));
            }
            if (item.instructionsAr() != null && item.instructionsAr().length() > 1000) {
                errors.add(new FieldError(at + ".instructionsAr", "must be at most 1000 characters"));
            }
        }
        if (r.notes() != null && r.notes().length() > 4000) {
            errors.add(new FieldError("notes", "must be at most 4000 characters"));
        }
        if (r.overrides() != null) {
            r.overrides().forEach((key, reason) -> {
                if (reason != null && reason.length() > 1000) {
                    errors.add(new FieldError("overrides." + key, "must be at most 1000 characters"));
                }
            });
        }
        return errors;
    }

    static List<FieldError> validate(DispenseRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.items() == null || r.items().isEmpty()) {
            errors.add(new FieldError("items", "dispense at least one item"));
            return errors;
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < r.items().size(); i++) {
            DispenseRequest.Item item = r.items().get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            if (item.itemId() == null) {
                errors.add(new FieldError(at + ".itemId", "is required"));
            } else if (!seen.add(item.itemId())) {
                errors.add(new FieldError(at + ".itemId", "is listed twice"));
            }
            if (item.quantity() == null || item.quantity() < 1) {
                errors.add(new FieldError(at + ".quantity", "must be 1 or more"));
            }
            if (item.batchNumber() == null || !item.batchNumber().strip().matches("[A-Za-z0-9][A-Za-z0-9./-]{0,39}")) {
                errors.add(new FieldError(at + ".batchNumber", "is required: 1-40 letters, digits, '.', '/' or '-'"));
            }
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
