package dev.baton.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Notification latency, closed loop: write version n of a key, then wait until a listener in
 * another session has seen n. One operation is one {@code setData} round trip plus the watch
 * notification plus whatever the variant does to read the new value; the variants differ only in
 * that last part, so their ratios isolate it.
 *
 * <p>Every variant watches the same key on the same server in its own session; the writer is a raw
 * ZooKeeper session shared by all variants. The key is a node under {@code /config}, where Baton's
 * config watcher looks for it. Variant names are in {@link Subscribers}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NotificationLatencyBenchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String PATH = Subscribers.path("notify");

  /** The watching variant (see {@link Subscribers}). */
  @Param({
    Subscribers.ZK_ONESHOT,
    Subscribers.ZK_PERSISTENT,
    Subscribers.CURATOR_CACHE,
    Subscribers.CURATOR_NODECACHE,
    Subscribers.BATON_STRING,
    Subscribers.BATON_JSON,
    Subscribers.BATON_DIRECT
  })
  public String variant = Subscribers.ZK_PERSISTENT;

  private final Progress progress = new Progress();
  private ZooKeeper writer;
  private long seq;

  /** For JMH. */
  public NotificationLatencyBenchmark() {}

  /**
   * Creates the key, starts the variant's subscriber and waits until it has seen the first value.
   *
   * @param fx the server
   * @throws Exception if the variant does not start or never sees the first value
   */
  @Setup(Level.Trial)
  public void setUp(ZooKeeperFixture fx) throws Exception {
    writer = fx.zooKeeper();
    Subscribers.create(writer, PATH, new Payload(0, System.nanoTime()));
    fx.track(Subscribers.named(variant).open(fx.connectString(), PATH, p -> progress.saw(p.seq())));
    progress.await(0, TIMEOUT);
    seq = 0;
  }

  /**
   * Writes the next version and waits until the subscriber has seen it.
   *
   * @return the version written, so JMH consumes it
   * @throws KeeperException if the write fails
   * @throws InterruptedException if interrupted
   * @throws TimeoutException if the subscriber does not see the write within 30 s
   */
  @Benchmark
  public long writeAndAwaitNotification()
      throws KeeperException, InterruptedException, TimeoutException {
    long n = ++seq;
    writer.setData(PATH, new Payload(n, System.nanoTime()).toBytes(), -1);
    progress.await(n, TIMEOUT);
    return n;
  }
}
