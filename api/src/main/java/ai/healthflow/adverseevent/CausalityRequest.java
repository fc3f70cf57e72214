package ai.healthflow.adverseevent;

import java.util.UUID;

/**
 * Body of {@code POST /api/v2/adverse-events/{id}/causality}: the regulator's assessment of one suspect medicine,
 * WHO-UMC category required, Naranjo total score (-4..13) optional.
 */
public record CausalityRequest(UUID medicineId, String whoUmc, Integer naranjoScore, String comment) {
}
