package ai.healthflow.batch.signal;

/**
 * The disproportionality figures of one (ingredient, reaction) 2×2 table. Pure arithmetic, no state.
 *
 * <pre>
 *                     reaction   other reactions
 *   ingredient            a             b
 *   other ingredients     c             d          N = a + b + c + d
 * </pre>
 *
 * <ul>
 *   <li>PRR = [a/(a+b)] / [c/(c+d)], 95% CI exp(ln PRR ± 1.96·√(1/a − 1/(a+b) + 1/c − 1/(c+d))) (Evans et al. 2001).</li>
 *   <li>ROR = (a·d)/(b·c), 95% CI exp(ln ROR ± 1.96·√(1/a + 1/b + 1/c + 1/d)) (van Puijenbroek et al. 2002).</li>
 *   <li>χ² with Yates' continuity correction, 1 degree of freedom:
 *       N·(max(0, |ad − bc| − N/2))² / [(a+b)(c+d)(a+c)(b+d)]. The correction never goes past zero (a table
 *       closer to independence than N/2 has χ² = 0). Undefined (NaN) when a margin is zero (every report has
 *       the ingredient, or every report the reaction).</li>
 *   <li>IC (BCPNN, shrinkage form of Norén et al. 2013): IC = log₂[(O + ½)/(E + ½)] with O = a and
 *       E = (a+b)(a+c)/N; IC025 = IC − 3.3·(O + ½)^−½ − 2·(O + ½)^−3/2, their closed-form approximation of the
 *       lower limit of the 95% credibility interval.</li>
 * </ul>
 *
 * <p>Zero cells: when any of a, b, c, d is 0, PRR, ROR and their intervals use the Haldane–Anscombe correction
 * (½ added to all four cells), so they are always finite; {@link Figures#zeroCellCorrected()} says so. χ² is computed
 * on the observed counts and IC needs no correction (its ½ already shrinks small counts).
 *
 * <p>Signals: Evans — a ≥ 3, PRR ≥ 2 and χ² ≥ 4; ROR/IC — ROR's lower 95% bound &gt; 1 and IC025 &gt; 0.
 */
public final class SignalStatistics {
    /** The two-sided 95% normal quantile used by the references. */
    public static final double Z95 = 1.96;
    private static final double LN2 = Math.log(2);

    private SignalStatistics() {
    }

    /**
     * The figures and flags of one pair. NaN marks a figure that is undefined for these counts (only χ² can be).
     *
     * @param zeroCellCorrected PRR and ROR (and their bounds) were computed with ½ added to every cell
     */
    public record Figures(long a, long b, long c, long d,
                          double prr, double prrLower95, double prrUpper95,
                          double ror, double rorLower95, double rorUpper95,
                          double chiSquare, double ic, double ic025,
                          boolean zeroCellCorrected, boolean signalEvans, boolean signalRorIc) {
        /** Either criterion. */
        public boolean signal() {
            return signalEvans || signalRorIc;
        }
    }

    /**
     * @throws IllegalArgumentException for a negative count or an empty table
     */
    public static Figures compute(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + a + ", " + b + ", " + c + ", " + d);
        }
        double n = (double) a + b + c + d;
        if (n == 0) {
            throw new IllegalArgumentException("an empty table has no figures");
        }
        boolean corrected = a == 0 || b == 0 || c == 0 || d == 0;
        double k = corrected ? 0.5 : 0;
        double ca = a + k;
        double cb = b + k;
        double cc = c + k;
        double cd = d + k;

        double prr = (ca / (ca + cb)) / (cc / (cc + cd));
        double prrSe = Math.sqrt(1 / ca - 1 / (ca + cb) + 1 / cc - 1 / (cc + cd));
        double ror = (ca * cd) / (cb * cc);
        double rorSe = Math.sqrt(1 / ca + 1 / cb + 1 / cc + 1 / cd);

        double chiSquare = chiSquareYates(a, b, c, d);

        double expected = ((double) a + b) * ((double) a + c) / n;
        double ic = log2((a + 0.5) / (expected + 0.5));
        double ic025 = ic - 3.3 * Math.pow(a + 0.5, -0.5) - 2 * Math.pow(a + 0.5, -1.5);

        double rorLower = Math.exp(Math.log(ror) - Z95 * rorSe);
        boolean evans = a >= 3 && prr >= 2 && chiSquare >= 4; // NaN compares false
        boolean rorIc = rorLower > 1 && ic025 > 0;
        return new Figures(a, b, c, d,
                prr, Math.exp(Math.log(prr) - Z95 * prrSe), Math.exp(Math.log(prr) + Z95 * prrSe),
                ror, rorLower, Math.exp(Math.log(ror) + Z95 * rorSe),
                chiSquare, ic, ic025, corrected, evans, rorIc);
    }

    /** Pearson's χ² of the 2×2 table with Yates' correction; NaN when a margin is zero. */
    static double chiSquareYates(long a, long b, long c, long d) {
        double n = (double) a + b + c + d;
        double margins = ((double) a + b) * ((double) c + d) * ((double) a + c) * ((double) b + d);
        if (margins == 0) {
            return Double.NaN;
        }
        double difference = Math.max(0, Math.abs((double) a * d - (double) b * c) - n / 2);
        return n * difference * difference / margins;
    }

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }
}
