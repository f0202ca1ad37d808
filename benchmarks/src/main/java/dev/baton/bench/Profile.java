package dev.baton.bench;

import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long and how often to measure. {@link #QUICK} checks the pipeline and gives indicative ratios
 * in under ten minutes on two cores; {@link #FULL} is for published numbers; {@link #SMOKE} only
 * proves every benchmark still runs.
 */
enum Profile {
  /**
   * In-process, one short iteration, fsync off, two 150 ms rounds of each paired loop: the test
   * suite's rot check.
   */
  SMOKE(
      0,
      0,
      Duration.ZERO,
      1,
      Duration.ofMillis(200),
      List.of(false),
      Subscribers.OPEN_LOOP,
      List.of(1000),
      List.of(1, 3),
      Duration.ofMillis(100),
      Duration.ofMillis(300),
      Duration.ofSeconds(5)),
  /**
   * One fork, 1 x 1 s warm-up, 2 x 1 s measurement; open loop 0.5 s + 2 s per cell; paired loops 3
   * s + 15 x 1 s per suite.
   */
  QUICK(
      1,
      1,
      Duration.ofSeconds(1),
      2,
      Duration.ofSeconds(1),
      List.of(true, false),
      Subscribers.OPEN_LOOP,
      List.of(100, 1000),
      List.of(1, 10, 100),
      Duration.ofMillis(500),
      Duration.ofSeconds(2),
      Duration.ofSeconds(3)),
  /**
   * Two forks, 5 x 2 s warm-up, 10 x 2 s measurement; open loop 5 s + 30 s per cell; paired loops
   * 30 s + 60 x 5 s per suite.
   */
  FULL(
      2,
      5,
      Duration.ofSeconds(2),
      10,
      Duration.ofSeconds(2),
      List.of(true, false),
      Subscribers.OPEN_LOOP,
      List.of(100, 1000),
      List.of(1, 10, 100),
      Duration.ofSeconds(5),
      Duration.ofSeconds(30),
      Duration.ofSeconds(30));

  private final int forks;
  private final int warmups;
  private final Duration warmupTime;
  private final int measurements;
  private final Duration measurementTime;
  private final OpenLoopLatency.Settings openLoop;

  Profile(
      int forks,
      int warmups,
      Duration warmupTime,
      int measurements,
      Duration measurementTime,
      List<Boolean> fsync,
      List<String> openLoopVariants,
      List<Integer> rates,
      List<Integer> fanouts,
      Duration openWarmup,
      Duration openMeasurement,
      Duration openDrain) {
    this.forks = forks;
    this.warmups = warmups;
    this.warmupTime = warmupTime;
    this.measurements = measurements;
    this.measurementTime = measurementTime;
    this.openLoop =
        new OpenLoopLatency.Settings(
            openLoopVariants, fsync, rates, fanouts, openWarmup, openMeasurement, openDrain);
  }

  /** Applies this profile's forks, iterations and fsync settings to JMH options. */
  ChainedOptionsBuilder apply(ChainedOptionsBuilder b) {
    b.forks(forks)
        .warmupIterations(warmups)
        .measurementIterations(measurements)
        .measurementTime(TimeValue.milliseconds(measurementTime.toMillis()))
        .threads(1)
        .timeout(TimeValue.minutes(2))
        .shouldFailOnError(true)
        .jvmArgsAppend("-Xmx1g");
    if (warmups > 0) {
      b.warmupTime(TimeValue.milliseconds(warmupTime.toMillis()));
    }
    if (openLoop.fsync().size() == 1) {
      b.param("fsync", openLoop.fsync().get(0) ? "yes" : "no");
    }
    return b;
  }

  /** {@return the paired closed loops of this profile: the judge of the close-margin targets} */
  PairedLatency.Settings paired() {
    List<String> suites = PairedLatency.suites().stream().map(PairedLatency.Suite::name).toList();
    return switch (this) {
      case SMOKE ->
          new PairedLatency.Settings(
              suites, List.of(false), Duration.ofMillis(100), 2, Duration.ofMillis(150));
      case QUICK ->
          new PairedLatency.Settings(
              suites, openLoop.fsync(), Duration.ofSeconds(3), 15, Duration.ofSeconds(1));
      case FULL ->
          new PairedLatency.Settings(
              suites, openLoop.fsync(), Duration.ofSeconds(30), 60, Duration.ofSeconds(5));
    };
  }

  /** {@return the open-loop matrix of this profile} */
  OpenLoopLatency.Settings openLoop() {
    return openLoop;
  }

  /** {@return a one-line description for the results page} */
  String describe() {
    if (this == SMOKE) {
      return "smoke (in-process, 1 x " + measurementTime.toMillis() + " ms, fsync off)";
    }
    return name().toLowerCase(java.util.Locale.ROOT)
        + ": "
        + forks
        + " fork(s), "
        + warmups
        + " x "
        + seconds(warmupTime)
        + " s warm-up, "
        + measurements
        + " x "
        + seconds(measurementTime)
        + " s measurement; open loop "
        + seconds(openLoop.warmup())
        + " s + "
        + seconds(openLoop.measurement())
        + " s per cell";
  }

  private static String seconds(Duration d) {
    return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
