package ai.healthflow.recall;

import ai.healthflow.platform.error.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every problem with a new recall, each naming its field. */
final class RecallValidator {
    static final Set<String> CLASSES = Set.of("I", "II", "III");
    static final Set<String> LEVELS = Set.of("consumer", "retail", "wholesale");
    private static final int MAX_BATCHES = 500;

    private RecallValidator() {
    }

    static List<FieldError> validate(CreateRecallRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.medicineId() == null) {
            errors.add(new FieldError("medicineId", "is required"));
        }
        boolean all = Boolean.TRUE.equals(r.allBatches());
        List<String> batches = r.batchNumbers() == null ? List.of() : r.batchNumbers();
        if (all && !batches.isEmpty()) {
            errors.add(new FieldError("batchNumbers", "must be empty when allBatches is true"));
        } else if (!all && batches.isEmpty()) {
            errors.add(new FieldError("batchNumbers", "list the affected batches, or set allBatches to true"));
        }
        if (batches.size() > MAX_BATCHES) {
            errors.add(new FieldError("batchNumbers", "at most " + MAX_BATCHES + " batches"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batches.size(); i++) {
            String batch = batches.get(i);
            if (batch == null || !batch.strip().matches("[A-Za-z0-9][A-Za-z0-9./-]{0,39}")) {
                errors.add(new FieldError("batchNumbers[" + i + "]", "must be 1-40 letters, digits, '.', '/' or '-'"));
            } else if (!seen.add(batch.strip().toUpperCase(java.util.Locale.ROOT))) {
                errors.add(new FieldError("batchNumbers[" + i + "]", "is listed twice"));
            }
        }
        if (r.recallClass() == null || !CLASSES.contains(r.recallClass())) {
            errors.add(new FieldError("class", "must be one of I, II, III"));
        }
        if (r.level() == null || !LEVELS.contains(r.level())) {
            errors.add(new FieldError("level", "must be one of consumer, retail, wholesale"));
        }
        text(errors, "reasonEn", r.reasonEn());
        text(errors, "reasonAr", r.reasonAr());
        text(errors, "instructionsEn", r.instructionsEn());
        text(errors, "instructionsAr", r.instructionsAr());
        arabic(errors, "reasonAr", r.reasonAr());
        arabic(errors, "instructionsAr", r.instructionsAr());
        if (r.startDate() == null) {
            errors.add(new FieldError("startDate", "is required (YYYY-MM-DD)"));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > 4000) {
            errors.add(new FieldError(field, "must be at most 4000 characters"));
        }
    }

    private static void arabic(List<FieldError> errors, String field, String value) {
        if (value != null && !value.isBlank() && value.codePoints().noneMatch(c -> c >= 0x0600 && c <= 0x06FF)) {
            errors.add(new FieldError(field, "must be written in Arabic"));
        }
    }

    static List<String> batches(CreateRecallRequest r) {
        if (r.batchNumbers() == null) {
            return List.of();
        }
        return r.batchNumbers().stream().map(b -> b.strip().toUpperCase(java.util.Locale.ROOT)).toList();
    }
}
