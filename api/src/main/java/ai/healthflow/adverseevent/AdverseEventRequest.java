package ai.healthflow.adverseevent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/v2/adverse-events} and of a follow-up (which carries the whole case again and becomes
 * its next version). Checked by {@link AdverseEventValidator}: a 422 lists every field at fault.
 */
public record AdverseEventRequest(Patient patient, List<Medicine> suspectMedicines,
                                  List<Medicine> concomitantMedicines, List<Reaction> reactions,
                                  Seriousness seriousness, String narrative) {

    /** E2B section D. At least one of initials, age, age group, birth date or a known sex identifies the patient. */
    public record Patient(String initials, Integer ageYears, String ageGroup, LocalDate birthDate, String sex,
                          BigDecimal weightKg) {
    }

    /** A medicine from the registry as given to the patient (E2B G.k). Concomitant ones need only the id. */
    public record Medicine(UUID medicineId, String batchNumber, String dose, String route, LocalDate startDate,
                           LocalDate stopDate, String actionTaken) {
    }

    /** E2B E.i: the reaction as reported, its MedDRA code when known, onset and outcome. */
    public record Reaction(String term, String meddraCode, LocalDate onsetDate, String outcome) {
    }

    /** E2B E.i.3.2: serious with at least one criterion, or not serious with none. */
    public record Seriousness(Boolean serious, List<String> criteria) {
    }

    List<Medicine> suspects() {
        return suspectMedicines == null ? List.of() : suspectMedicines;
    }

    List<Medicine> concomitants() {
        return concomitantMedicines == null ? List.of() : concomitantMedicines;
    }

    List<Reaction> reactionList() {
        return reactions == null ? List.of() : reactions;
    }

    List<String> criteria() {
        return seriousness == null || seriousness.criteria() == null ? List.of() : seriousness.criteria();
    }

    boolean serious() {
        return seriousness != null && Boolean.TRUE.equals(seriousness.serious());
    }

    static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
