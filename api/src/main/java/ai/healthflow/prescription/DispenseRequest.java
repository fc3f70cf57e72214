package ai.healthflow.prescription;

import java.util.List;
import java.util.UUID;

/** What a pharmacist hands over now: per prescription item, a quantity from a batch, optionally a substitute. */
public record DispenseRequest(List<Item> items) {

    /** @param substituteMedicineId a therapeutic equivalent (same ingredients, strength and form), when allowed */
    public record Item(UUID itemId, Integer quantity, String batchNumber, UUID substituteMedicineId) {
    }
}
