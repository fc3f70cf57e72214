package ai.healthflow.adverseevent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One version of a case exactly as it was received (causality, status and history belong to the case). */
public record AdverseEventVersionView(UUID id, String caseNumber, int version, boolean current, Instant receivedAt,
                                      UUID submittedBy, String submittedByName, AdverseEventRequest.Patient patient,
                                      List<AdverseEventView.MedicineEntry> suspectMedicines,
                                      List<AdverseEventView.MedicineEntry> concomitantMedicines,
                                      List<AdverseEventRequest.Reaction> reactions,
                                      AdverseEventRequest.Seriousness seriousness, String narrative) {
}
