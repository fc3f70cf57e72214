package ai.healthflow.batch.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Each figure against a 2×2 table worked by hand; the arithmetic is in the comments (ln, exp and log₂ rounded to
 * the digits shown, 1.96 for the 95% quantile), the assertions allow for that rounding.
 */
class SignalStatisticsTest {

    @Test
    void aStrongSignalWorkedByHand() {
        // a=20 b=80 c=100 d=9800, N=10000
        SignalStatistics.Figures f = SignalStatistics.compute(20, 80, 100, 9800);

        // PRR = (20/100) / (100/9900) = 0.2 / 0.0101010 = 19.8
        assertThat(f.prr()).isCloseTo(19.8, within(1e-9));
        // SE = √(1/20 − 1/100 + 1/100 − 1/9900) = √(0.05 − 0.000101) = √0.049899 = 0.223381
        // bounds = 19.8 · exp(∓1.96 · 0.223381) = 19.8 · exp(∓0.437827) = 19.8 · 0.645438, 19.8 · 1.549336
        assertThat(f.prrLower95()).isCloseTo(12.7797, within(1e-3));
        assertThat(f.prrUpper95()).isCloseTo(30.6769, within(1e-3));

        // ROR = (20 · 9800) / (80 · 100) = 196000 / 8000 = 24.5
        assertThat(f.ror()).isCloseTo(24.5, within(1e-9));
        // SE = √(1/20 + 1/80 + 1/100 + 1/9800) = √(0.05 + 0.0125 + 0.01 + 0.000102) = √0.072602 = 0.269448
        // bounds = 24.5 · exp(∓0.528118) = 24.5 · 0.589714, 24.5 · 1.695737
        assertThat(f.rorLower95()).isCloseTo(14.4480, within(1e-3));
        assertThat(f.rorUpper95()).isCloseTo(41.5456, within(1e-3));

        // χ² = N (|ad − bc| − N/2)² / ((a+b)(c+d)(a+c)(b+d))
        //    = 10000 · (|196000 − 8000| − 5000)² / (100 · 9900 · 120 · 9880)
        //    = 10000 · 183000² / 1 173 744 000 000 = 334 890 000 000 000 / 1 173 744 000 000 = 285.3178
        assertThat(f.chiSquare()).isCloseTo(285.3178, within(1e-3));

        // E = (a+b)(a+c)/N = 100 · 120 / 10000 = 1.2; IC = log₂(20.5 / 1.7) = log₂ 12.058824 = 3.592017
        assertThat(f.ic()).isCloseTo(3.592017, within(1e-5));
        // IC025 = 3.592017 − 3.3 / √20.5 − 2 / 20.5^1.5 = 3.592017 − 3.3 · 0.220863 − 2 · 0.010774
        //       = 3.592017 − 0.728848 − 0.021548 = 2.841621
        assertThat(f.ic025()).isCloseTo(2.841621, within(1e-5));

        assertThat(f.zeroCellCorrected()).isFalse();
        assertThat(f.signalEvans()).as("a=20 ≥ 3, PRR 19.8 ≥ 2, χ² 285 ≥ 4").isTrue();
        assertThat(f.signalRorIc()).as("ROR lower 14.4 > 1, IC025 2.84 > 0").isTrue();
        assertThat(f.signal()).isTrue();
    }

    @Test
    void aZeroCellIsCorrectedByHalfInEveryCell() {
        // a=3 b=97 c=0 d=9900: the reaction was never reported with another ingredient. Without a correction PRR and
        // ROR divide by c = 0; Haldane–Anscombe adds ½ to every cell: 3.5, 97.5, 0.5, 9900.5
        SignalStatistics.Figures f = SignalStatistics.compute(3, 97, 0, 9900);
        assertThat(f.zeroCellCorrected()).isTrue();

        // PRR = (3.5/101) / (0.5/9901) = 0.0346535 / 0.0000504999 = 686.2079
        assertThat(f.prr()).isCloseTo(686.2079, within(1e-3));
        // SE = √(1/3.5 − 1/101 + 1/0.5 − 1/9901) = √(0.285714 − 0.009901 + 2 − 0.000101) = √2.275712 = 1.508546
        // lower = 686.2079 · exp(−1.96 · 1.508546) = 686.2079 · exp(−2.956751) = 686.2079 · 0.051987 = 35.674
        assertThat(f.prrLower95()).isCloseTo(35.674, within(1e-2));
        // ROR = (3.5 · 9900.5) / (97.5 · 0.5) = 34651.75 / 48.75 = 710.8051
        assertThat(f.ror()).isCloseTo(710.8051, within(1e-3));
        // SE = √(1/3.5 + 1/97.5 + 1/0.5 + 1/9900.5) = √(0.285714 + 0.010256 + 2 + 0.000101) = √2.296071 = 1.515279
        // lower = 710.8051 · exp(−2.969947) = 710.8051 · 0.051305 = 36.4686
        assertThat(f.rorLower95()).isCloseTo(36.4686, within(1e-2));

        // χ² on the observed counts: 10000 · (|3·9900 − 97·0| − 5000)² / (100 · 9900 · 3 · 9997)
        //    = 10000 · 24700² / 29 691 090 000 = 6 100 900 000 000 / 29 691 090 000 = 205.4792
        assertThat(f.chiSquare()).isCloseTo(205.4792, within(1e-3));
        // E = 100 · 3 / 10000 = 0.03; IC = log₂(3.5 / 0.53) = log₂ 6.603774 = 2.723291
        assertThat(f.ic()).isCloseTo(2.723291, within(1e-5));
        // IC025 = 2.723291 − 3.3/√3.5 − 2/3.5^1.5 = 2.723291 − 1.763924 − 0.305441 = 0.653925
        assertThat(f.ic025()).isCloseTo(0.653925, within(1e-5));

        assertThat(f.signalEvans()).as("a=3, PRR 686, χ² 205").isTrue();
        assertThat(f.signalRorIc()).as("ROR lower 36.5, IC025 0.65").isTrue();
    }

    @Test
    void evansWithoutRorIc() {
        // a=3 b=7 c=47 d=943, N=1000
        SignalStatistics.Figures f = SignalStatistics.compute(3, 7, 47, 943);
        // PRR = (3/10) / (47/990) = 0.3 / 0.047475 = 6.319149
        assertThat(f.prr()).isCloseTo(6.319149, within(1e-5));
        // χ² = 1000 · (|2829 − 329| − 500)² / (10 · 990 · 50 · 950) = 1000 · 2000² / 470 250 000 = 8.506114
        assertThat(f.chiSquare()).isCloseTo(8.506114, within(1e-5));
        // E = 10 · 50 / 1000 = 0.5; IC = log₂(3.5/1) = 1.807355;
        // IC025 = 1.807355 − 1.763924 − 0.305441 = −0.262011: three reports are too few for the IC criterion
        assertThat(f.ic()).isCloseTo(1.807355, within(1e-5));
        assertThat(f.ic025()).isCloseTo(-0.262011, within(1e-5));
        // ROR = 3·943 / (7·47) = 2829/329 = 8.598784; SE = √(1/3 + 1/7 + 1/47 + 1/943) = √0.498527 = 0.706065
        // lower = 8.598784 · exp(−1.383887) = 2.154877 (> 1, but IC025 is not > 0)
        assertThat(f.rorLower95()).isCloseTo(2.154877, within(1e-4));

        assertThat(f.signalEvans()).isTrue();
        assertThat(f.signalRorIc()).isFalse();
        assertThat(f.signal()).as("either criterion").isTrue();
    }

    @Test
    void rorIcWithoutEvans() {
        // a=300 b=1700 c=4000 d=44000, N=50000: many reports, a modest but certain excess
        SignalStatistics.Figures f = SignalStatistics.compute(300, 1700, 4000, 44000);
        // PRR = (300/2000) / (4000/48000) = 0.15 / 0.083333 = 1.8 (< 2: not an Evans signal)
        assertThat(f.prr()).isCloseTo(1.8, within(1e-9));
        // ROR = 300·44000 / (1700·4000) = 13 200 000 / 6 800 000 = 1.941176
        // SE = √(1/300 + 1/1700 + 1/4000 + 1/44000) = √0.004194 = 0.064763; lower = 1.941176 · exp(−0.126936) = 1.709769
        assertThat(f.ror()).isCloseTo(1.941176, within(1e-5));
        assertThat(f.rorLower95()).isCloseTo(1.709769, within(1e-4));
        // E = 2000 · 4300 / 50000 = 172; IC = log₂(300.5/172.5) = log₂ 1.742029 = 0.800769
        // IC025 = 0.800769 − 3.3/√300.5 − 2/300.5^1.5 = 0.800769 − 0.190368 − 0.000384 = 0.610018
        assertThat(f.ic()).isCloseTo(0.800769, within(1e-5));
        assertThat(f.ic025()).isCloseTo(0.610018, within(1e-5));

        assertThat(f.signalEvans()).isFalse();
        assertThat(f.signalRorIc()).isTrue();
        assertThat(f.signal()).isTrue();
    }

    @Test
    void aTableAtIndependenceIsNoSignal() {
        // a=2 b=98 c=200 d=9700: PRR = 0.02 / (200/9900) = 0.02 / 0.020202 = 0.99
        SignalStatistics.Figures f = SignalStatistics.compute(2, 98, 200, 9700);
        assertThat(f.prr()).isCloseTo(0.99, within(1e-9));
        // |ad − bc| = |19400 − 19600| = 200 < N/2 = 5000: Yates' correction stops at zero, χ² = 0
        assertThat(f.chiSquare()).isZero();
        // E = 100 · 202 / 10000 = 2.02; IC = log₂(2.5/2.52) = −0.011496
        assertThat(f.ic()).isCloseTo(-0.011496, within(1e-5));
        assertThat(f.signal()).isFalse();
    }

    @Test
    void evansNeedsThreeReportsHoweverLargeThePrr() {
        // a=2 b=0 c=0 d=9998: PRR (corrected) = (2.5/3) / (0.5/9999) = 16665, χ² = 10000 · (19996 − 5000)² / (2·9998·2·9998)
        SignalStatistics.Figures f = SignalStatistics.compute(2, 0, 0, 9998);
        assertThat(f.prr()).isCloseTo(16665.0, within(1e-6));
        assertThat(f.chiSquare()).isCloseTo(10000.0 * 14996 * 14996 / (2.0 * 9998 * 2 * 9998), within(1e-6));
        assertThat(f.signalEvans()).isFalse();
    }

    @Test
    void chiSquareIsUndefinedWhenEveryReportHasTheReaction() {
        // a=5 b=0 c=10 d=0: b + d = 0, so the χ² denominator is 0
        SignalStatistics.Figures f = SignalStatistics.compute(5, 0, 10, 0);
        assertThat(f.chiSquare()).isNaN();
        // corrected PRR = (5.5/6) / (10.5/11) = 0.916667 / 0.954545 = 0.960317, finite
        assertThat(f.prr()).isCloseTo(0.960317, within(1e-5));
        // E = 5 · 15 / 15 = 5; IC = log₂(5.5/5.5) = 0
        assertThat(f.ic()).isZero();
        assertThat(f.signalEvans()).as("NaN never passes a threshold").isFalse();
        assertThat(f.signal()).isFalse();
    }

    @Test
    void nearTheThresholdsBothCriteriaHold() {
        // a=4 b=36 c=16 d=944, N=1000: PRR = 0.1 / (16/960) = 6; χ² = 1000 · (|3776 − 576| − 500)² / (40·960·20·980)
        //   = 1000 · 2700² / 752 640 000 = 9.685906; E = 40 · 20 / 1000 = 0.8; IC = log₂(4.5/1.3) = 1.791413;
        //   IC025 = 1.791413 − 3.3/√4.5 − 2/4.5^1.5 = 1.791413 − 1.555635 − 0.209513 = 0.026265 (just above 0)
        SignalStatistics.Figures f = SignalStatistics.compute(4, 36, 16, 944);
        assertThat(f.prr()).isCloseTo(6.0, within(1e-9));
        assertThat(f.chiSquare()).isCloseTo(9.685906, within(1e-5));
        assertThat(f.ic025()).isCloseTo(0.026265, within(1e-5));
        assertThat(f.signalEvans()).isTrue();
        assertThat(f.signalRorIc()).isTrue();
    }

    @Test
    void negativeOrEmptyTablesAreRefused() {
        assertThatThrownBy(() -> SignalStatistics.compute(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalStatistics.compute(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
