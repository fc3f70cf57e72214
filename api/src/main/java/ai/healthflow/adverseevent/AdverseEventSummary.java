package ai.healthflow.adverseevent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case in a list: no patient data (open the case, which is audited, to see it), the suspect medicines' trade
 * names and the reaction terms of the current version.
 */
public record AdverseEventSummary(UUID id, String caseNumber, int version, String status, UUID tenantId,
                                  String tenantName, String reporterName, boolean serious,
                                  List<String> seriousnessCriteria, Instant receivedAt, Instant latestInfoAt,
                                  Instant dueAt, boolean overdue, List<String> suspectMedicines, List<String> reactions,
                                  long possibleDuplicates) {
}
