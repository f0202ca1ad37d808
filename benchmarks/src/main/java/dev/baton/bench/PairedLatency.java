package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-loop latency measured <em>paired</em>: an anchor and the variants compared with it run in
 * one JVM against one server, each with its own sessions and nodes, and their operations are
 * interleaved in a shuffled order, so that whatever drifts during a run (the disk's fsync time, the
 * JIT, the other tenants of the machine) falls on all of them alike. The targets that compare Baton
 * with its raw or Curator anchor within a few percent are judged on this.
 *
 * <p>Not JMH, on purpose: JMH runs each parameter value in its own JVM, one after the other, and on
 * a shared 2-core machine two forks of the <em>same</em> variant differ in p50 by 10–20%, more than
 * the margins to be judged. Each {@link Suite}'s operation is the one its JMH benchmark times, and
 * the JMH suites stay for the per-variant distributions.
 *
 * <p>The recorded rounds give, per variant, the ratios of the pooled p50, p99 and mean to the
 * anchor's (the verdicts) and the spread of the per-round p50 and mean ratios (how much to trust
 * them).
 */
final class PairedLatency {
  private static final Logger LOG = LoggerFactory.getLogger(PairedLatency.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long HIGHEST_NANOS = Duration.ofMinutes(1).toNanos();

  /** One timed operation of one variant, with the sessions and nodes it needs. */
  interface Contestant extends AutoCloseable {
    /**
     * Runs one operation.
     *
     * @return its timed part, in nanoseconds (untimed bookkeeping after it is allowed)
     * @throws Exception if it fails or does not finish within 30 s
     */
    long once() throws Exception;
  }

  /** Opens a variant's contestant on a server. */
  @FunctionalInterface
  interface Entrant {
    /**
     * Opens {@code variant}'s sessions and nodes on {@code fx}'s server.
     *
     * @param fx the server; sessions opened through it close with it
     * @param variant the variant's name
     * @return the ready contestant
     * @throws Exception if it cannot start
     */
    Contestant open(ZooKeeperFixture fx, String variant) throws Exception;
  }

  /**
   * A comparison: what one operation is, the anchor, and the variants compared with it.
   *
   * @param name how results and targets name it
   * @param operation what one operation is, for the page
   * @param anchor the variant every ratio divides by
   * @param variants the anchor first, then the others
   * @param entrant opens a variant
   */
  record Suite(
      String name, String operation, String anchor, List<String> variants, Entrant entrant) {}

  /** Config notification: {@code setData} of version n until the variant's listener has n. */
  static final String NOTIFICATION = "notification";

  /** An uncontended mutex: acquire and release. */
  static final String LOCK_CYCLE = "lock-cycle";

  /** The leader resigns until the other candidate is told it leads. */
  static final String LEADER_HANDOFF = "leader-handoff";

  /** {@return every suite, in the order they run} */
  static List<Suite> suites() {
    List<String> notify = new ArrayList<>();
    notify.add(Subscribers.ZK_PERSISTENT);
    notify.addAll(Subscribers.PAIRED);
    return List.of(
        new Suite(
            NOTIFICATION,
            "setData of version n until the listener in another session has n",
            Subscribers.ZK_PERSISTENT,
            notify,
            Watched::open),
        new Suite(
            LOCK_CYCLE,
            "uncontended acquire + release",
            Mutexes.CURATOR,
            List.of(Mutexes.CURATOR, Mutexes.BATON),
            Cycling::open),
        new Suite(
            LEADER_HANDOFF,
            "the leader resigns until the other candidate is told it leads",
            Candidates.CURATOR,
            List.of(Candidates.CURATOR, Candidates.BATON),
            HandingOff::open));
  }

  /**
   * What to run.
   *
   * @param suites names of the suites to run
   * @param fsync server fsync settings, one server each
   * @param warmup unrecorded interleaved operations per suite before its first round, so every
   *     variant's code is compiled when recording starts
   * @param rounds recorded rounds per suite
   * @param roundTime how long a round lasts: suites with slower operations get fewer samples, and
   *     the whole run's length is known in advance
   */
  record Settings(
      List<String> suites, List<Boolean> fsync, Duration warmup, int rounds, Duration roundTime) {}

  /**
   * One variant's outcome against the anchor of the same suite and run; latencies in microseconds.
   *
   * @param suite the suite
   * @param variant the variant
   * @param fsync {@code yes} or {@code no}
   * @param samples recorded operations
   * @param p50 pooled median
   * @param p99 pooled 99th percentile
   * @param mean pooled mean
   * @param ratioP50 pooled p50 over the anchor's pooled p50 (1.0 for the anchor itself)
   * @param ratioP99 pooled p99 over the anchor's
   * @param ratioMean pooled mean over the anchor's: the inverse of the throughput ratio
   * @param roundRatios per-round p50 ratios, sorted
   * @param roundMeanRatios per-round mean ratios, sorted
   */
  record Result(
      String suite,
      String variant,
      String fsync,
      long samples,
      double p50,
      double p99,
      double mean,
      double ratioP50,
      double ratioP99,
      double ratioMean,
      List<Double> roundRatios,
      List<Double> roundMeanRatios) {

    /** {@return the lowest per-round p50 ratio} */
    double lowest() {
      return roundRatios.isEmpty() ? Double.NaN : roundRatios.get(0);
    }

    /** {@return the highest per-round p50 ratio} */
    double highest() {
      return roundRatios.isEmpty() ? Double.NaN : roundRatios.get(roundRatios.size() - 1);
    }
  }

  private PairedLatency() {}

  /** Runs the chosen suites on one server per fsync setting; each suite's anchor comes first. */
  static List<Result> run(Settings s) throws Exception {
    List<Result> results = new ArrayList<>();
    for (boolean fsync : s.fsync()) {
      try (ZooKeeperFixture fx = ZooKeeperFixture.start(fsync)) {
        for (Suite suite : suites()) {
          if (s.suites().contains(suite.name())) {
            results.addAll(measure(fx, suite, s));
          }
        }
      }
    }
    return results;
  }

  private static List<Result> measure(ZooKeeperFixture fx, Suite suite, Settings s)
      throws Exception {
    Map<String, Contestant> panel = new LinkedHashMap<>();
    Exception failure = null;
    List<Result> results = List.of();
    try {
      for (String v : suite.variants()) {
        panel.put(v, suite.entrant().open(fx, v));
      }
      results = measure(panel, suite, fx.fsync, s);
    } catch (Exception e) {
      failure = e;
    }
    // Every contestant gets closed; the first failure is the one reported.
    for (Contestant c : panel.values()) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static List<Result> measure(
      Map<String, Contestant> panel, Suite suite, String fsync, Settings s) throws Exception {
    Random shuffle = new Random(42);
    round(panel, s.warmup(), null, shuffle);
    Map<String, Histogram> pooled = histograms(panel);
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    Map<String, List<Double>> meanRatios = new LinkedHashMap<>();
    for (int r = 0; r < s.rounds(); r++) {
      Map<String, Histogram> round = histograms(panel);
      round(panel, s.roundTime(), round, shuffle);
      Histogram anchorRound = round.get(suite.anchor());
      for (Map.Entry<String, Histogram> e : round.entrySet()) {
        pooled.get(e.getKey()).add(e.getValue());
        ratios
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(
                (double) e.getValue().getValueAtPercentile(50)
                    / anchorRound.getValueAtPercentile(50));
        meanRatios
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(e.getValue().getMean() / anchorRound.getMean());
      }
    }
    Histogram anchor = pooled.get(suite.anchor());
    List<Result> out = new ArrayList<>();
    for (Map.Entry<String, Histogram> e : pooled.entrySet()) {
      Histogram h = e.getValue();
      Result res =
          new Result(
              suite.name(),
              e.getKey(),
              fsync,
              h.getTotalCount(),
              micros(h.getValueAtPercentile(50)),
              micros(h.getValueAtPercentile(99)),
              micros(Math.round(h.getMean())),
              round3((double) h.getValueAtPercentile(50) / anchor.getValueAtPercentile(50)),
              round3((double) h.getValueAtPercentile(99) / anchor.getValueAtPercentile(99)),
              round3(h.getMean() / anchor.getMean()),
              sortedRounded(ratios.get(e.getKey())),
              sortedRounded(meanRatios.get(e.getKey())));
      LOG.info("paired {}", describe(res));
      out.add(res);
    }
    return out;
  }

  private static Map<String, Histogram> histograms(Map<String, Contestant> panel) {
    Map<String, Histogram> m = new LinkedHashMap<>();
    for (String v : panel.keySet()) {
      m.put(v, new Histogram(HIGHEST_NANOS, 3));
    }
    return m;
  }

  /** Batches of one operation per variant, in a shuffled order, until {@code time} is up. */
  private static void round(
      Map<String, Contestant> panel,
      Duration time,
      @Nullable Map<String, Histogram> into,
      Random shuffle)
      throws Exception {
    List<String> order = new ArrayList<>(panel.keySet());
    long end = System.nanoTime() + time.toNanos();
    while (System.nanoTime() - end < 0) {
      Collections.shuffle(order, shuffle);
      for (String v : order) {
        long nanos = panel.get(v).once();
        if (into != null) {
          into.get(v).recordValue(Math.min(nanos, HIGHEST_NANOS));
        }
      }
    }
  }

  /** A notification variant watching a key of its own, and the raw writer that changes it. */
  private static final class Watched implements Contestant {
    private final String path;
    private final ZooKeeper writer;
    private final Progress progress = new Progress();
    private final Subscriber subscriber;
    private long seq;

    private Watched(ZooKeeperFixture fx, String variant) throws Exception {
      this.path = Subscribers.path("paired-" + variant);
      this.writer = fx.zooKeeper();
      Subscribers.create(writer, path, new Payload(0, System.nanoTime()));
      // Tracked, so the session closes with the server even if the first value never comes.
      this.subscriber =
          fx.track(
              Subscribers.named(variant)
                  .open(fx.connectString(), path, p -> progress.saw(p.seq())));
      progress.await(0, TIMEOUT);
    }

    static Contestant open(ZooKeeperFixture fx, String variant) throws Exception {
      return new Watched(fx, variant);
    }

    /** As {@link NotificationLatencyBenchmark} times it. */
    @Override
    public long once() throws Exception {
      long n = ++seq;
      long start = System.nanoTime();
      try {
        writer.setData(path, new Payload(n, start).toBytes(), -1);
      } catch (KeeperException e) {
        throw new IllegalStateException("write " + n + " of " + path + " failed", e);
      }
      progress.await(n, TIMEOUT);
      return System.nanoTime() - start;
    }

    @Override
    public void close() {
      subscriber.close();
    }
  }

  /** An uncontended mutex of one implementation, in a session of its own. */
  private static final class Cycling implements Contestant {
    private final BenchMutex mutex;

    private Cycling(BenchMutex mutex) {
      this.mutex = mutex;
    }

    static Contestant open(ZooKeeperFixture fx, String impl) throws Exception {
      return new Cycling(Mutexes.named(impl).create(fx.coordinator(), "paired-" + impl));
    }

    /** As {@link LockBenchmark#acquireRelease} times it. */
    @Override
    public long once() throws Exception {
      long start = System.nanoTime();
      mutex.acquire();
      mutex.release();
      return System.nanoTime() - start;
    }

    @Override
    public void close() {}
  }

  /** Two candidates of one implementation, each in a session of its own, handing leadership on. */
  private static final class HandingOff implements Contestant {
    private final CandidatePair pair;

    private HandingOff(CandidatePair pair) {
      this.pair = pair;
    }

    static Contestant open(ZooKeeperFixture fx, String impl) throws Exception {
      return new HandingOff(
          new CandidatePair(impl, "paired-" + impl, fx.coordinator(), fx.coordinator()));
    }

    /** As {@link LeaderHandoffBenchmark} times it, then its untimed role swap. */
    @Override
    public long once() throws Exception {
      long start = System.nanoTime();
      pair.resignAndAwaitNext();
      long nanos = System.nanoTime() - start;
      pair.swapRoles();
      return nanos;
    }

    @Override
    public void close() {
      pair.close();
    }
  }

  private static double micros(long nanos) {
    return Math.round(nanos / 100.0) / 10.0;
  }

  private static List<Double> sortedRounded(@Nullable List<Double> xs) {
    return xs == null ? List.of() : xs.stream().sorted().map(PairedLatency::round3).toList();
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static String describe(Result r) {
    return String.format(
        java.util.Locale.ROOT,
        "fsync=%-3s %-15s %-20s p50 %8.1f us %5.3fx (rounds %5.3f..%5.3f)  p99 %8.1f us %5.3fx"
            + "  mean %8.1f us %5.3fx",
        r.fsync(),
        r.suite(),
        r.variant(),
        r.p50(),
        r.ratioP50(),
        r.lowest(),
        r.highest(),
        r.p99(),
        r.ratioP99(),
        r.mean(),
        r.ratioMean());
  }

  /** {@return a readable summary of the results, a line each, for the command line} */
  static String describe(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    for (Result r : results) {
      sb.append(describe(r)).append('\n');
    }
    return sb.toString();
  }
}
