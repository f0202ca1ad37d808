package dev.baton.bench;

import dev.baton.Coordinator;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor under every recipe: one {@code getData} round trip, raw ZooKeeper handle versus the
 * same read through a Baton coordinator's Curator client, on one embedded server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReadRoundTripBenchmark {
  private Coordinator coordinator;
  private ZooKeeper raw;

  /** For JMH. */
  public ReadRoundTripBenchmark() {}

  /**
   * Opens both clients and creates the node they read.
   *
   * @param fx the server
   * @throws Exception if the node cannot be created
   */
  @Setup(Level.Trial)
  public void setUp(ZooKeeperFixture fx) throws Exception {
    coordinator = fx.coordinator();
    coordinator.curator().create().forPath("/bench", new byte[64]);
    raw = fx.zooKeeper();
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
