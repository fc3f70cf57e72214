package ai.healthflow.recall;

/** What a pharmacy or hospital did about a recall: units taken off the shelf and units sent back. */
public record AcknowledgementRequest(Integer quantityQuarantined, Integer quantityReturned, String note) {
}
