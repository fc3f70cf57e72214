package ai.healthflow.search.medicine;

/**
 * A search: free text plus optional exact filters.
 *
 * @param text         what the user typed, any script; strengths, codes and barcodes are recognised in it
 * @param atc          ATC code or prefix (N02, N02BE01)
 * @param limit        1..100
 * @param offset       0 or more
 */
public record MedicineQuery(String text, String status, String dosageForm, String atc, String manufacturer,
                            int limit, int offset) {
}
