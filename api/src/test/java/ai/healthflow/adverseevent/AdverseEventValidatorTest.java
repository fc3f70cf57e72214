package ai.healthflow.adverseevent;

import ai.healthflow.platform.error.FieldError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AdverseEventValidatorTest {
    static final LocalDate TODAY = LocalDate.parse("2026-11-22");
    static final UUID MEDICINE = UUID.randomUUID();

    static AdverseEventRequest.Patient patient(String initials, Integer age, String sex) {
        return new AdverseEventRequest.Patient(initials, age, null, null, sex, null);
    }

    static AdverseEventRequest.Medicine medicine(UUID id) {
        return new AdverseEventRequest.Medicine(id, null, null, null, null, null, null);
    }

    static AdverseEventRequest request(AdverseEventRequest.Patient patient, AdverseEventRequest.Seriousness seriousness) {
        return new AdverseEventRequest(patient, List.of(medicine(MEDICINE)), null,
                List.of(new AdverseEventRequest.Reaction("Rash", null, null, null)), seriousness, null);
    }

    static List<String> fields(AdverseEventRequest request) {
        return AdverseEventValidator.validate(request, TODAY).stream().map(FieldError::field).toList();
    }

    static final AdverseEventRequest.Seriousness NOT_SERIOUS = new AdverseEventRequest.Seriousness(false, List.of());

    @Test
    void anyOneIdentifierMakesThePatientIdentifiable() {
        assertThat(fields(request(patient("MA", null, null), NOT_SERIOUS))).isEmpty();
        assertThat(fields(request(patient(null, 0, null), NOT_SERIOUS))).as("a newborn's age 0 counts").isEmpty();
        assertThat(fields(request(patient(null, null, "female"), NOT_SERIOUS))).isEmpty();
        assertThat(fields(request(new AdverseEventRequest.Patient(null, null, "elderly", null, null, null), NOT_SERIOUS)))
                .isEmpty();
        assertThat(fields(request(new AdverseEventRequest.Patient(null, null, null, LocalDate.parse("1970-05-01"), null,
                null), NOT_SERIOUS))).isEmpty();
        assertThat(fields(request(new AdverseEventRequest.Patient("  ", null, null, null, "unknown",
                new BigDecimal("70")), NOT_SERIOUS))).containsExactly("patient");
    }

    @Test
    void initialsAreLettersInAnyScript() {
        assertThat(fields(request(patient("م.ع", null, null), NOT_SERIOUS))).isEmpty();
        assertThat(fields(request(patient("J-P. R", null, null), NOT_SERIOUS))).isEmpty();
        assertThat(fields(request(patient("12", null, null), NOT_SERIOUS))).containsExactly("patient.initials");
        assertThat(fields(request(patient("ABCDEFGHIJK", null, null), NOT_SERIOUS))).containsExactly("patient.initials");
    }

    @Test
    void seriousNeedsACriterionAndNotSeriousNone() {
        assertThat(fields(request(patient("MA", null, null), new AdverseEventRequest.Seriousness(true, List.of()))))
                .containsExactly("seriousness.criteria");
        assertThat(fields(request(patient("MA", null, null), new AdverseEventRequest.Seriousness(false,
                List.of("death"))))).containsExactly("seriousness.criteria");
        assertThat(fields(request(patient("MA", null, null), new AdverseEventRequest.Seriousness(true,
                List.of("death", "hospitalization", "death"))))).containsExactly("seriousness.criteria[1]",
                "seriousness.criteria[2]");
        assertThat(fields(request(patient("MA", null, null), new AdverseEventRequest.Seriousness(null, null))))
                .containsExactly("seriousness.serious");
    }

    @Test
    void datesAreNotInTheFutureAndStopIsNotBeforeStart() {
        var medicine = new AdverseEventRequest.Medicine(MEDICINE, null, null, null, TODAY, TODAY.minusDays(1), null);
        var future = new AdverseEventRequest.Medicine(UUID.randomUUID(), null, null, null, TODAY.plusDays(1), null, null);
        var request = new AdverseEventRequest(patient("MA", null, null), List.of(medicine, future), null,
                List.of(new AdverseEventRequest.Reaction("Rash", null, TODAY, null)), NOT_SERIOUS, null);

        assertThat(fields(request)).containsExactly("suspectMedicines[0].stopDate", "suspectMedicines[1].startDate");
    }

    @Test
    void vocabulariesAreClosed() {
        var medicine = new AdverseEventRequest.Medicine(MEDICINE, null, null, "Oral", null, null, "withdrawn");
        var request = new AdverseEventRequest(new AdverseEventRequest.Patient("MA", null, "old", null, "F", null),
                List.of(medicine), List.of(), List.of(new AdverseEventRequest.Reaction("Rash", "E10037844", null,
                "resolved")), NOT_SERIOUS, null);

        assertThat(fields(request)).containsExactly("patient.ageGroup", "patient.sex", "suspectMedicines[0].route",
                "reactions[0].meddraCode", "reactions[0].outcome");
        assertThat(AdverseEventVocabulary.OUTCOMES.keySet()).containsExactly("recovered", "recovering", "not_recovered",
                "recovered_with_sequelae", "fatal", "unknown");
        assertThat(AdverseEventVocabulary.SERIOUSNESS_CRITERIA.keySet()).containsExactly("death", "life_threatening",
                "hospitalisation", "disability", "congenital_anomaly", "other_medically_important");
    }

    @Test
    void nullEntriesAndTooLongListsAreNamed() {
        var request = new AdverseEventRequest(patient("MA", null, null), java.util.Arrays.asList(medicine(MEDICINE), null),
                java.util.Collections.nCopies(51, medicine(UUID.randomUUID())),
                java.util.Arrays.asList((AdverseEventRequest.Reaction) null), NOT_SERIOUS, "x".repeat(20_001));

        assertThat(fields(request)).containsExactly("suspectMedicines[1]", "concomitantMedicines", "reactions[0]",
                "narrative");
    }

    @Test
    void naranjoCategoriesFollowTheScale() {
        assertThat(AdverseEventVocabulary.naranjoCategory(9)).isEqualTo("definite");
        assertThat(AdverseEventVocabulary.naranjoCategory(5)).isEqualTo("probable");
        assertThat(AdverseEventVocabulary.naranjoCategory(1)).isEqualTo("possible");
        assertThat(AdverseEventVocabulary.naranjoCategory(0)).isEqualTo("doubtful");
        assertThat(AdverseEventStatus.canMove("submitted", "triaged")).isTrue();
        assertThat(AdverseEventStatus.canMove("triaged", "submitted")).isFalse();
        assertThat(AdverseEventStatus.canMove("closed", "submitted")).isFalse();
    }
}
