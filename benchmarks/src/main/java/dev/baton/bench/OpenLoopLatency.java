package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
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
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
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
   * @param drain how long after the last write a cell waits for every session to see it; a session
   *     still behind then is counted as lagging (the listeners are saturated), rather than waited
   *     for, which at 100 sessions x 1,000 writes/s on 2 cores could take minutes
   */
  record Settings(
      List<String> variants,
      List<Boolean> fsync,
      List<Integer> rates,
      List<Integer> fanouts,
      Duration warmup,
      Duration measurement,
      Duration drain) {}

  /**
   * One cell's outcome; latencies in microseconds, corrected for coordinated omission.
   *
   * @param variant the notification variant
   * @param fsync {@code yes} or {@code no}
   * @param rate writes per second asked for
   * @param fanout watching sessions
   * @param writes writes sent while recording
   * @param notifications values the listeners received while recording (all sessions)
   * @param lagging sessions that had not seen the last write the drain time after it was sent: when
   *     not 0, the listeners could not keep up and the percentiles are lower bounds
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
      int lagging,
      long samples,
      double p50,
      double p99,
      double p999,
      double max,
      List<double[]> percentiles) {}

  private OpenLoopLatency() {}

  /**
   * Runs every cell of the matrix, one server per fsync setting. The watching sessions of one
   * variant and fan-out are opened once and measured at each rate, slowest first, so that a
   * saturated cell can only follow the others.
   */
  static List<Result> run(Settings s) throws Exception {
    List<Result> results = new ArrayList<>();
    List<Integer> rates = s.rates().stream().sorted().toList();
    for (boolean fsync : s.fsync()) {
      try (ZooKeeperFixture fx = ZooKeeperFixture.start(fsync)) {
        int key = 0;
        for (String variant : s.variants()) {
          for (int fanout : s.fanouts()) {
            long start = System.nanoTime();
            try (Audience audience =
                new Audience(fx, Subscribers.path("open-" + key++), variant, fanout)) {
              for (int rate : rates) {
                Result r = audience.measure(rate, s);
                LOG.info(
                    "open loop {} fsync={} {}/s x{}: p50 {} us, p99 {} us, max {} us, lagging {}",
                    variant,
                    fx.fsync,
                    rate,
                    fanout,
                    r.p50(),
                    r.p99(),
                    r.max(),
                    r.lagging());
                results.add(r);
              }
            }
            LOG.info(
                "open loop {} x{} took {} s",
                variant,
                fanout,
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
          }
        }
      }
    }
    return results;
  }

  /** What the listeners record into while a cell is measured. */
  private record Cell(Recorder recorder, long period, long firstSeq, AtomicLong notifications) {}

  /** One key, a writer, and {@code fanout} watching sessions of one variant. */
  private static final class Audience implements AutoCloseable {
    private final String fsync;
    private final String path;
    private final String variant;
    private final ZooKeeper writer;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<Progress> progress = new ArrayList<>();
    private volatile @Nullable Cell cell;
    private long seq;

    Audience(ZooKeeperFixture fx, String path, String variant, int fanout) throws Exception {
      this.fsync = fx.fsync;
      this.path = path;
      this.variant = variant;
      this.writer = Sessions.zooKeeper(fx.connectString());
      try {
        Subscribers.create(writer, path, new Payload(0, System.nanoTime()));
        Subscriber.Factory factory = Subscribers.named(variant);
        for (int i = 0; i < fanout; i++) {
          Progress p = new Progress();
          progress.add(p);
          subscribers.add(factory.open(fx.connectString(), path, value -> heard(p, value)));
        }
        for (Progress p : progress) {
          p.await(0, START_TIMEOUT);
        }
      } catch (Exception e) {
        close();
        throw e;
      }
    }

    private void heard(Progress p, Payload value) {
      long latency = System.nanoTime() - value.stamp();
      Cell c = cell;
      if (c != null && value.seq() >= c.firstSeq()) {
        c.recorder().recordValueWithExpectedInterval(Math.min(latency, HIGHEST_NANOS), c.period());
        c.notifications().incrementAndGet();
      }
      p.saw(value.seq());
    }

    Result measure(int rate, Settings s) throws InterruptedException {
      long period = 1_000_000_000L / rate;
      cell = null;
      seq = write(writer, path, period, seq, s.warmup());
      Cell c = new Cell(new Recorder(HIGHEST_NANOS, 3), period, seq + 1, new AtomicLong());
      cell = c;
      long first = seq;
      seq = write(writer, path, period, seq, s.measurement());
      int lagging = drain(seq, s.drain());
      cell = null;
      Histogram h = c.recorder().getIntervalHistogram();
      List<double[]> points = new ArrayList<>();
      for (double pct : PERCENTILES) {
        points.add(new double[] {pct, micros(h.getValueAtPercentile(pct))});
      }
      return new Result(
          variant,
          fsync,
          rate,
          subscribers.size(),
          seq - first,
          c.notifications().get(),
          lagging,
          h.getTotalCount(),
          micros(h.getValueAtPercentile(50)),
          micros(h.getValueAtPercentile(99)),
          micros(h.getValueAtPercentile(99.9)),
          micros(h.getMaxValue()),
          points);
    }

    /** Waits, up to one shared deadline, until every session saw {@code last}; counts the rest. */
    private int drain(long last, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      int lagging = 0;
      for (Progress p : progress) {
        try {
          p.await(last, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (TimeoutException e) {
          lagging++;
        }
      }
      if (lagging > 0) {
        LOG.warn(
            "{} of {} sessions still behind {} after the last write",
            lagging,
            progress.size(),
            timeout);
      }
      return lagging;
    }

    @Override
    public void close() throws InterruptedException {
      cell = null;
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
