package ai.healthflow.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A patient as their care team sees it. */
public record PatientView(UUID id, String nationalId, String nameEn, String nameAr, LocalDate dateOfBirth,
                          String sex, String phone, String governorate, List<RegisterPatientRequest.Allergy> allergies,
                          List<RegisterPatientRequest.Condition> conditions, Instant createdAt) {
}
