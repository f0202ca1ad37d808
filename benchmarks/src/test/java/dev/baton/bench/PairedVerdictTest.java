package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The paired targets' verdicts: met, missed, or within the noise of the per-round spread. */
class PairedVerdictTest {
  private static final Targets.PairedTarget AT_MOST =
      new Targets.PairedTarget(
          "p50", "s", "b", "a", Targets.PairedMetric.P50, 1.10, /* atLeast= */ false);
  private static final Targets.PairedTarget AT_LEAST =
      new Targets.PairedTarget(
          "tp", "s", "b", "a", Targets.PairedMetric.THROUGHPUT, 1.0, /* atLeast= */ true);

  @Test
  void metWhenTheRatioMeetsTheLimitWhateverTheSpread() {
    assertEquals("met", Report.pairedVerdict(AT_MOST, 1.04, range(1.02, 1.20)));
    assertEquals("met", Report.pairedVerdict(AT_LEAST, 1.0, Optional.empty()));
  }

  @Test
  void withinNoiseOnlyWhenTheLimitLiesInsideThePerRoundSpread() {
    assertTrue(Report.pairedVerdict(AT_LEAST, 0.99, range(0.98, 1.02)).startsWith("within noise"));
    assertTrue(Report.pairedVerdict(AT_MOST, 1.12, range(1.05, 1.15)).startsWith("within noise"));
    assertEquals("**missed**", Report.pairedVerdict(AT_MOST, 1.15, range(1.11, 1.26)));
    assertEquals("**missed**", Report.pairedVerdict(AT_LEAST, 0.97, range(0.95, 0.99)));
    assertEquals("**missed**", Report.pairedVerdict(AT_MOST, 1.12, Optional.empty()));
  }

  @Test
  void spreadIsTheMiddleHalfOfTheRoundsInvertedForThroughput() {
    PairedLatency.Result r =
        new PairedLatency.Result(
            "s",
            "b",
            "no",
            10,
            1,
            2,
            1,
            1.0,
            1.0,
            1.0,
            List.of(0.5, 0.9, 1.0, 1.1, 3.0),
            List.of(0.5, 0.8, 1.0, 1.25, 3.0));
    double[] range = Targets.PairedMetric.THROUGHPUT.roundRange(r).orElseThrow();
    assertEquals(0.8, range[0], 1e-9, "1 / third quartile of the mean ratios");
    assertEquals(1.25, range[1], 1e-9, "1 / first quartile");
    double[] p50 = Targets.PairedMetric.P50.roundRange(r).orElseThrow();
    assertEquals(0.9, p50[0], 1e-9, "the outlying rounds do not widen the spread");
    assertEquals(1.1, p50[1], 1e-9);
    assertTrue(Targets.PairedMetric.P99.roundRange(r).isEmpty(), "no per-round p99");
  }

  private static Optional<double[]> range(double lo, double hi) {
    return Optional.of(new double[] {lo, hi});
  }
}
