package dev.baton.bench;

import dev.baton.Coordinator;
import dev.baton.embedded.EmbeddedZooKeeper;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floor under every recipe: one {@code getData} round trip, raw ZooKeeper handle versus the
 * same read through a Baton coordinator's Curator client, on one embedded server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReadRoundTripBenchmark {
  /** Whether the server fsyncs writes ("yes" as in production, or "no"). */
  @Param({"yes"})
  public String fsync;

  private EmbeddedZooKeeper server;
  private Coordinator coordinator;
  private ZooKeeper raw;

  /**
   * Starts the server and both clients.
   *
   * @throws Exception if the server does not start
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = EmbeddedZooKeeper.builder().forceSync("yes".equals(fsync)).start();
    coordinator = Coordinator.builder().connectString(server.connectString()).build();
    if (!coordinator.awaitConnected(Duration.ofSeconds(30))) {
      throw new IllegalStateException("no connection to " + server.connectString());
    }
    coordinator.curator().create().forPath("/bench", new byte[64]);
    raw = coordinator.curator().getZookeeperClient().getZooKeeper();
  }

  /** Stops the clients and the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    coordinator.close();
    server.close();
  }

  /**
   * A raw ZooKeeper read.
   *
   * @return the data, so JMH consumes it
   * @throws Exception on a ZooKeeper error
   */
  @Benchmark
  public byte[] rawZooKeeperGetData() throws Exception {
    return raw.getData("/bench", false, null);
  }

  /**
   * The same read through Curator's builder API.
   *
   * @return the data, so JMH consumes it
   * @throws Exception on a ZooKeeper error
   */
  @Benchmark
  public byte[] curatorGetData() throws Exception {
    return coordinator.curator().getData().forPath("/bench");
  }
}
