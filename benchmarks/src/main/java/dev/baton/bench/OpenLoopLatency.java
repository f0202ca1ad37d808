package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification latency, open loop: a writer sets one key at a fixed rate whatever the listeners do,
 * stamping {@link System#nanoTime()} into each value; every watching session records "now minus
 * stamp" when its variant hands it a value.
 *
 * <p>Not a JMH benchmark, on purpose. JMH times a method the harness calls in a loop, which is a
 * closed loop by construction: a slow notification delays the next write and hides itself
 * (coordinated omission). Here the schedule is the clock; the writer uses asynchronous {@code
 * setData} so it never waits for the server; and JMH's per-iteration aggregation would sum or
 * average percentiles, which is meaningless. A cell runs for a fixed warm-up and measurement time,
 * so the whole matrix is bounded.
 *
 * <p>Coordinated omission is also corrected on the listener side: each sample is recorded with
 * {@link Recorder#recordValueWithExpectedInterval}, the writer's period as the interval. A listener
 * that falls behind does not see every version (ZooKeeper coalesces changes under a watch), and the
 * correction fills in the samples the versions it skipped would have contributed.
 */
final class OpenLoopLatency {
  private static final Logger LOG = LoggerFactory.getLogger(OpenLoopLatency.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final long HIGHEST_NANOS = Duration.ofMinutes(1).toNanos();

  /** The percentiles each cell reports for the chart. */
  static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100};

  /**
   * The matrix to run and how long each cell takes.
   *
   * @param variants notification variants (names from {@link Subscribers})
   * @param fsync server fsync settings
   * @param rates writes per second
   * @param fanouts watching sessions on the one key
   * @param warmup per cell, before recording
   * @param measurement per cell, recorded
   */
  record Settings(
      List<String> variants,
      List<Boolean> fsync,
      List<Integer> rates,
      List<Integer> fanouts,
      Duration warmup,
      Duration measurement) {}

  /**
   * One cell's outcome; latencies in microseconds, corrected for coordinated omission.
   *
   * @param variant the notification variant
   * @param fsync {@code yes} or {@code no}
   * @param rate writes per second asked for
   * @param fanout watching sessions
   * @param writes writes sent while recording
   * @param notifications values the listeners received while recording (all sessions)
   * @param samples histogram count after correction
   * @param p50 median
   * @param p99 99th percentile
   * @param p999 99.9th percentile
   * @param max maximum
   * @param percentiles {@link #PERCENTILES} and their values, for the chart
   */
  record Result(
      String variant,
      String fsync,
      int rate,
      int fanout,
      long writes,
      long notifications,
      long samples,
      double p50,
      double p99,
      double p999,
      double max,
      List<double[]> percentiles) {}

  private OpenLoopLatency() {}

  /** Runs every cell of the matrix, one server per fsync setting, and returns the results. */
  static List<Result> run(Settings s) throws Exception {
    List<Result> results = new ArrayList<>();
    for (boolean fsync : s.fsync()) {
      try (ZooKeeperFixture fx = ZooKeeperFixture.start(fsync)) {
        int cell = 0;
        for (String variant : s.variants()) {
          for (int rate : s.rates()) {
            for (int fanout : s.fanouts()) {
              Result r = runCell(fx, "/open-" + cell++, variant, rate, fanout, s);
              LOG.info(
                  "open loop {} fsync={} {}/s x{}: p50 {} us, p99 {} us, p99.9 {} us, max {} us",
                  variant,
                  fx.fsync,
                  rate,
                  fanout,
                  r.p50(),
                  r.p99(),
                  r.p999(),
                  r.max());
              results.add(r);
            }
          }
        }
      }
    }
    return results;
  }

  private static Result runCell(
      ZooKeeperFixture fx, String path, String variant, int rate, int fanout, Settings s)
      throws Exception {
    long period = 1_000_000_000L / rate;
    Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    AtomicLong notifications = new AtomicLong();
    // Values up to this sequence number were written during warm-up: not recorded.
    AtomicLong lastWarmupSeq = new AtomicLong(Long.MAX_VALUE);
    List<Subscriber> subscribers = new ArrayList<>();
    List<Progress> progress = new ArrayList<>();
    ZooKeeper writer = Sessions.zooKeeper(fx.connectString());
    try {
      writer.create(
          path,
          new Payload(0, System.nanoTime()).toBytes(),
          ZooDefs.Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT);
      Subscriber.Factory factory = Subscribers.named(variant);
      for (int i = 0; i < fanout; i++) {
        Progress p = new Progress();
        progress.add(p);
        subscribers.add(
            factory.open(
                fx.connectString(),
                path,
                value -> {
                  long latency = System.nanoTime() - value.stamp();
                  if (value.seq() > lastWarmupSeq.get()) {
                    recorder.recordValueWithExpectedInterval(
                        Math.min(latency, HIGHEST_NANOS), period);
                    notifications.incrementAndGet();
                  }
                  p.saw(value.seq());
                }));
      }
      for (Progress p : progress) {
        p.await(0, DRAIN_TIMEOUT);
      }
      long seq = write(writer, path, period, 0, s.warmup());
      lastWarmupSeq.set(seq);
      recorder.reset();
      long last = write(writer, path, period, seq, s.measurement());
      for (Progress p : progress) {
        p.await(last, DRAIN_TIMEOUT);
      }
      Histogram h = recorder.getIntervalHistogram();
      List<double[]> points = new ArrayList<>();
      for (double pct : PERCENTILES) {
        points.add(new double[] {pct, micros(h.getValueAtPercentile(pct))});
      }
      return new Result(
          variant,
          fx.fsync,
          rate,
          fanout,
          last - seq,
          notifications.get(),
          h.getTotalCount(),
          micros(h.getValueAtPercentile(50)),
          micros(h.getValueAtPercentile(99)),
          micros(h.getValueAtPercentile(99.9)),
          micros(h.getMaxValue()),
          points);
    } finally {
      for (Subscriber sub : subscribers) {
        sub.close();
      }
      writer.close();
    }
  }

  /**
   * Writes at the fixed rate for {@code duration}, asynchronously; a late writer catches up with a
   * burst instead of skipping writes (skipping would hide the stall it measures).
   *
   * @return the last sequence number written
   */
  private static long write(
      ZooKeeper writer, String path, long period, long seq, Duration duration) {
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long next = start;
    while (true) {
      long now = System.nanoTime();
      if (now - end >= 0) {
        break;
      }
      if (now - next < 0) {
        LockSupport.parkNanos(next - now);
        continue;
      }
      seq++;
      writer.setData(
          path,
          new Payload(seq, System.nanoTime()).toBytes(),
          -1,
          (rc, p, ctx, stat) -> {
            if (rc != KeeperException.Code.OK.intValue()) {
              failures.incrementAndGet();
            }
          },
          null);
      next += period;
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " writes to " + path + " failed");
    }
    return seq;
  }

  private static double micros(long nanos) {
    return Math.round(nanos / 100.0) / 10.0;
  }
}
