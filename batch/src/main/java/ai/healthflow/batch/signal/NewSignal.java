package ai.healthflow.batch.signal;

import java.util.UUID;

/**
 * A pair that is a signal in a run and was not in the run before it.
 *
 * @param ingredient the ingredient's English generic name
 * @param reaction   the reaction term as most often spelled in the reports
 */
public record NewSignal(UUID ingredientId, String ingredient, String reaction, long a, double prr, double rorLower95,
                        double ic025, boolean signalEvans, boolean signalRorIc) {
}
