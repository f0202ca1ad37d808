package dev.baton.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The comparisons the results page states, each as a ratio of two results measured in the same run.
 * The targets compare a Baton variant with its anchor; where the Baton variant has not been
 * measured, the page says "not yet measured". The anchor-only comparisons show what Curator costs
 * over raw ZooKeeper.
 */
final class Targets {
  /** Which number of a result a comparison uses. */
  enum Metric {
    /** Median of a sample-mode result: ratio subject / anchor. */
    P50,
    /** 99th percentile of a sample-mode result: ratio subject / anchor. */
    P99,
    /** Mean time per operation: ratio subject / anchor. */
    MEAN,
    /** Operations per second, from the mean time: ratio anchor mean / subject mean. */
    THROUGHPUT;

    double value(Results.Measurement m) {
      switch (this) {
        case P50:
          return m.percentile(50.0);
        case P99:
          return m.percentile(99.0);
        default:
          return m.score();
      }
    }

    double ratio(Results.Measurement subject, Results.Measurement anchor) {
      return this == THROUGHPUT ? anchor.score() / subject.score() : value(subject) / value(anchor);
    }
  }

  /**
   * A benchmark and parameter values that pick one result (the fsync value is added per row).
   *
   * @param benchmark {@code Class.method}
   * @param params parameter values
   * @param label how the page names it
   */
  record Pick(String benchmark, Map<String, String> params, String label) {
    Optional<Results.Measurement> in(Results r, String fsync) {
      Map<String, String> p = new java.util.TreeMap<>(params);
      p.put("fsync", fsync);
      return r.find(benchmark, p);
    }
  }

  /**
   * One comparison.
   *
   * @param claim what the page says it checks
   * @param subject the measured side (Baton, for the targets)
   * @param anchor what it is compared with
   * @param metric which number
   * @param limit the target ratio, or NaN for a comparison without a target
   * @param atLeast whether the ratio must be at least (true) or at most (false) the limit
   */
  record Comparison(
      String claim, Pick subject, Pick anchor, Metric metric, double limit, boolean atLeast) {}

  private static final String NOTIFY = "NotificationLatencyBenchmark.writeAndAwaitNotification";
  private static final String HANDOFF = "MutexHandoffBenchmark.releaseToNextHolder";

  private Targets() {}

  private static Pick notify(String variant) {
    return new Pick(NOTIFY, Map.of("variant", variant), variant);
  }

  private static Pick impl(String benchmark, String impl, String label) {
    return new Pick(benchmark, Map.of("impl", impl), label);
  }

  private static Pick handoff(String impl, int contenders, String label) {
    return new Pick(
        HANDOFF, Map.of("impl", impl, "contenders", Integer.toString(contenders)), label);
  }

  /** Which number of a paired result a target compares. */
  enum PairedMetric {
    /** Pooled median, subject / anchor. */
    P50,
    /** Pooled 99th percentile, subject / anchor. */
    P99,
    /** Operations per second from the pooled mean: anchor mean / subject mean. */
    THROUGHPUT;

    /**
     * {@return this metric's ratio in {@code r}, oriented so that the target's limit applies:
     * subject over anchor for latencies, anchor over subject for throughput}
     */
    double ratio(PairedLatency.Result r) {
      return switch (this) {
        case P50 -> r.ratioP50();
        case P99 -> r.ratioP99();
        case THROUGHPUT -> 1 / r.ratioMean();
      };
    }

    /**
     * {@return the middle half of the per-round ratios of this metric in {@code r} (first to third
     * quartile), oriented like {@link #ratio}; empty for the 99th percentile, which a one-second
     * round cannot resolve}
     */
    java.util.Optional<double[]> roundRange(PairedLatency.Result r) {
      List<Double> rounds =
          switch (this) {
            case P50 -> r.roundRatios();
            case P99 -> List.of();
            case THROUGHPUT -> r.roundMeanRatios();
          };
      if (rounds.isEmpty()) {
        return java.util.Optional.empty();
      }
      double lo = quantile(rounds, 0.25);
      double hi = quantile(rounds, 0.75);
      return java.util.Optional.of(
          this == THROUGHPUT ? new double[] {1 / hi, 1 / lo} : new double[] {lo, hi});
    }

    /** Linear interpolation between the closest ranks of a sorted list. */
    private static double quantile(List<Double> sorted, double q) {
      double h = q * (sorted.size() - 1);
      int below = (int) Math.floor(h);
      int above = (int) Math.ceil(h);
      return sorted.get(below) + (h - below) * (sorted.get(above) - sorted.get(below));
    }

    /** {@return the subject's own value of this metric in {@code r}, for the page} */
    String show(PairedLatency.Result r) {
      return switch (this) {
        case P50 -> Report.ms(r.p50());
        case P99 -> Report.ms(r.p99());
        case THROUGHPUT -> String.format(java.util.Locale.ROOT, "%.0f ops/s", 1e6 / r.mean());
      };
    }
  }

  /**
   * One target judged on a paired closed loop ({@link PairedLatency}): a variant against its
   * suite's anchor, both from the same interleaved run.
   *
   * @param claim what the page says it checks
   * @param suite the paired suite
   * @param variant the subject
   * @param anchor what it is compared with
   * @param metric which number
   * @param limit the target ratio, or NaN for a row without a target
   * @param atLeast whether the ratio must be at least (true) or at most (false) the limit
   */
  record PairedTarget(
      String claim,
      String suite,
      String variant,
      String anchor,
      PairedMetric metric,
      double limit,
      boolean atLeast) {}

  private static PairedTarget notifyTarget(
      String claim, String variant, PairedMetric metric, double limit) {
    return new PairedTarget(
        claim,
        PairedLatency.NOTIFICATION,
        variant,
        Subscribers.ZK_PERSISTENT,
        metric,
        limit,
        false);
  }

  /** {@return the targets with small margins, and context rows, judged on the paired loops} */
  static List<PairedTarget> pairedTargets() {
    double none = Double.NaN;
    return List.of(
        notifyTarget(
            "ConfigWatcher (string) notification p50",
            Subscribers.BATON_STRING,
            PairedMetric.P50,
            1.10),
        notifyTarget(
            "ConfigWatcher (string) notification p99",
            Subscribers.BATON_STRING,
            PairedMetric.P99,
            1.25),
        notifyTarget(
            "ConfigWatcher (JSON record) notification p50",
            Subscribers.BATON_JSON,
            PairedMetric.P50,
            1.10),
        notifyTarget(
            "ConfigWatcher (JSON record) notification p99",
            Subscribers.BATON_JSON,
            PairedMetric.P99,
            1.25),
        notifyTarget(
            "ConfigWatcher (string, direct executor) notification p50, for context",
            Subscribers.BATON_DIRECT,
            PairedMetric.P50,
            none),
        notifyTarget(
            "CuratorCache notification p50, for context",
            Subscribers.CURATOR_CACHE,
            PairedMetric.P50,
            none),
        new PairedTarget(
            "Mutex uncontended cycle throughput vs InterProcessMutex (aim 1.3x)",
            PairedLatency.LOCK_CYCLE,
            Mutexes.BATON,
            Mutexes.CURATOR,
            PairedMetric.THROUGHPUT,
            1.0,
            true),
        new PairedTarget(
            "Leader hand-off p50 vs LeaderLatch close -> isLeader",
            PairedLatency.LEADER_HANDOFF,
            Candidates.BATON,
            Candidates.CURATOR,
            PairedMetric.P50,
            1.0,
            false));
  }

  /** {@return the targets JMH judges alone: Baton against its anchor, same run} */
  static List<Comparison> targets() {
    return List.of(
        new Comparison(
            "View selection vs ServiceProvider.getInstance()",
            impl("RegistryBenchmark.selectInstance", "baton", "Baton view"),
            impl("RegistryBenchmark.selectInstance", Registries.CURATOR, "ServiceProvider"),
            Metric.MEAN,
            1.0,
            false));
  }

  /** {@return comparisons without a target: more Baton-vs-anchor ratios, and the anchors' own} */
  static List<Comparison> others() {
    Pick raw = notify(Subscribers.ZK_PERSISTENT);
    double none = Double.NaN;
    return List.of(
        new Comparison(
            "ConfigWatcher (string) notification p50, JMH forks",
            notify(Subscribers.BATON_STRING),
            raw,
            Metric.P50,
            none,
            false),
        new Comparison(
            "ConfigWatcher (JSON record) notification p50, JMH forks",
            notify(Subscribers.BATON_JSON),
            raw,
            Metric.P50,
            none,
            false),
        new Comparison(
            "ConfigWatcher (string, direct executor) notification p50, JMH forks",
            notify(Subscribers.BATON_DIRECT),
            raw,
            Metric.P50,
            none,
            false),
        new Comparison(
            "Mutex uncontended cycle throughput, JMH forks",
            impl("LockBenchmark.acquireRelease", "baton", "Baton mutex"),
            impl("LockBenchmark.acquireRelease", Mutexes.CURATOR, "InterProcessMutex"),
            Metric.THROUGHPUT,
            none,
            false),
        new Comparison(
            "Leader hand-off p50, JMH forks",
            impl("LeaderHandoffBenchmark.resignToNextElected", "baton", "Baton relinquish"),
            impl("LeaderHandoffBenchmark.resignToNextElected", Candidates.CURATOR, "LeaderLatch"),
            Metric.P50,
            none,
            false),
        new Comparison(
            "Mutex hand-off p50, 2 contenders",
            handoff("baton", 2, "Baton mutex"),
            handoff(Mutexes.CURATOR, 2, "InterProcessMutex"),
            Metric.P50,
            none,
            false),
        new Comparison(
            "Mutex hand-off p50, 4 contenders",
            handoff("baton", 4, "Baton mutex"),
            handoff(Mutexes.CURATOR, 4, "InterProcessMutex"),
            Metric.P50,
            none,
            false),
        new Comparison(
            "Registration -> remote view p50",
            impl("RegistryBenchmark.registrationSeenRemotely", "baton", "Baton view"),
            impl("RegistryBenchmark.registrationSeenRemotely", Registries.CURATOR, "ServiceCache"),
            Metric.P50,
            none,
            false),
        new Comparison(
            "Raw one-shot watch notification p50",
            notify(Subscribers.ZK_ONESHOT),
            raw,
            Metric.P50,
            none,
            false),
        new Comparison(
            "CuratorCache notification p50",
            notify(Subscribers.CURATOR_CACHE),
            raw,
            Metric.P50,
            none,
            false),
        new Comparison(
            "CuratorCache notification p99",
            notify(Subscribers.CURATOR_CACHE),
            raw,
            Metric.P99,
            none,
            false),
        new Comparison(
            "NodeCache notification p50",
            notify(Subscribers.CURATOR_NODECACHE),
            raw,
            Metric.P50,
            none,
            false),
        new Comparison(
            "NodeCache notification p99",
            notify(Subscribers.CURATOR_NODECACHE),
            raw,
            Metric.P99,
            none,
            false),
        new Comparison(
            "InterProcessMutex cycle vs bare ephemeral create+delete",
            impl("LockBenchmark.acquireRelease", Mutexes.CURATOR, "InterProcessMutex"),
            new Pick("LockBenchmark.rawEphemeralCreateDelete", Map.of(), "raw create+delete"),
            Metric.MEAN,
            none,
            false),
        new Comparison(
            "Curator getData vs raw getData",
            new Pick("ReadRoundTripBenchmark.curatorGetData", Map.of(), "Curator"),
            new Pick("ReadRoundTripBenchmark.rawZooKeeperGetData", Map.of(), "raw"),
            Metric.P50,
            none,
            false));
  }
}
