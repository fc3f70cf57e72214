package ai.healthflow.signal;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * One (ingredient, reaction) pair of a signal-detection run: its 2×2 counts, figures and flags.
 *
 * @param ingredient        the ingredient's English generic name as in the registry
 * @param reaction          the reaction term as stored (its most frequent spelling; terms compare case-insensitively)
 * @param a                 reports with the ingredient as suspect and the reaction
 * @param b                 with the ingredient, without the reaction
 * @param c                 without the ingredient, with the reaction
 * @param d                 neither
 * @param chiSquare         with Yates' correction; null when undefined (a margin of the table is zero)
 * @param signal            {@code signalEvans || signalRorIc}
 * @param isNew             a signal now and not in the previous completed run (every signal of the first run)
 * @param computedAt        when the run completed
 * @param zeroCellCorrected PRR and ROR were computed with ½ added to every cell (a cell was zero)
 * @param asOf              the run counted the reports and follow-ups received up to this instant
 */
public record SignalView(String ingredient, String reaction, long a, long b, long c, long d,
                         Double prr, Double prrLower95, Double prrUpper95, Double ror, Double rorLower95,
                         Double rorUpper95, Double chiSquare, Double ic, Double ic025, boolean signal,
                         @JsonProperty("isNew") boolean isNew, Instant computedAt,
                         UUID ingredientId, boolean signalEvans, boolean signalRorIc, boolean zeroCellCorrected,
                         long runId, Instant asOf) {
}
