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

  /** {@return the targets: Baton against its anchor} */
  static List<Comparison> targets() {
    Pick raw = notify(Subscribers.ZK_PERSISTENT);
    return List.of(
        new Comparison(
            "ConfigWatcher (string) notification p50 vs raw persistent watch",
            notify("baton-string"),
            raw,
            Metric.P50,
            1.10,
            false),
        new Comparison(
            "ConfigWatcher (string) notification p99 vs raw persistent watch",
            notify("baton-string"),
            raw,
            Metric.P99,
            1.25,
            false),
        new Comparison(
            "ConfigWatcher (JSON record) notification p50 vs raw persistent watch",
            notify("baton-json"),
            raw,
            Metric.P50,
            1.10,
            false),
        new Comparison(
            "ConfigWatcher (JSON record) notification p99 vs raw persistent watch",
            notify("baton-json"),
            raw,
            Metric.P99,
            1.25,
            false),
        new Comparison(
            "Mutex uncontended cycle throughput vs InterProcessMutex (aim 1.3x)",
            impl("LockBenchmark.acquireRelease", "baton", "Baton mutex"),
            impl("LockBenchmark.acquireRelease", Mutexes.CURATOR, "InterProcessMutex"),
            Metric.THROUGHPUT,
            1.0,
            true),
        new Comparison(
            "Leader hand-off p50 vs LeaderLatch close -> isLeader",
            impl("LeaderHandoffBenchmark.resignToNextElected", "baton", "Baton relinquish"),
            impl("LeaderHandoffBenchmark.resignToNextElected", Candidates.CURATOR, "LeaderLatch"),
            Metric.P50,
            1.0,
            false),
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
            "ConfigWatcher (string, direct executor) notification p50 vs raw persistent watch",
            notify(Subscribers.BATON_DIRECT),
            raw,
            Metric.P50,
            none,
            false),
        new Comparison(
            "ConfigWatcher (string, direct executor) notification p99 vs raw persistent watch",
            notify(Subscribers.BATON_DIRECT),
            raw,
            Metric.P99,
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
