package dev.baton.bench;

import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
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
 * Uncontended lock cycle: acquire and release a mutex nobody else wants, one thread, closed loop.
 * Throughput is the inverse of the mean time per cycle. The floor is the bare ephemeral node a lock
 * needs: one raw {@code create} and one {@code delete}; {@code InterProcessMutex} adds a {@code
 * getChildren} per acquire.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LockBenchmark {

  /** For JMH. */
  public LockBenchmark() {}

  /** One mutex of the implementation under test. */
  @State(Scope.Benchmark)
  public static class MutexState {
    /** The implementation (see {@link Mutexes}). */
    @Param({Mutexes.CURATOR, Mutexes.BATON})
    public String impl = Mutexes.CURATOR;

    BenchMutex mutex;

    /** For JMH. */
    public MutexState() {}

    /**
     * Makes the mutex.
     *
     * @param fx the server
     * @throws Exception if it cannot be made
     */
    @Setup(Level.Trial)
    public void setUp(ZooKeeperFixture fx) throws Exception {
      mutex = Mutexes.named(impl).create(fx.coordinator(), "uncontended");
    }
  }

  /** A raw session and the parent node of the floor's ephemeral nodes. */
  @State(Scope.Benchmark)
  public static class RawState {
    ZooKeeper zk;

    /** For JMH. */
    public RawState() {}

    /**
     * Opens the session and creates the parent.
     *
     * @param fx the server
     * @throws Exception if ZooKeeper fails
     */
    @Setup(Level.Trial)
    public void setUp(ZooKeeperFixture fx) throws Exception {
      zk = fx.zooKeeper();
      zk.create("/raw-lock", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }
  }

  /**
   * One acquire and release.
   *
   * @param s the mutex
   * @throws Exception if ZooKeeper fails
   */
  @Benchmark
  public void acquireRelease(MutexState s) throws Exception {
    s.mutex.acquire();
    s.mutex.release();
  }

  /**
   * The floor: create an ephemeral sequential node and delete it, raw ZooKeeper.
   *
   * @param s the session
   * @throws KeeperException if ZooKeeper fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public void rawEphemeralCreateDelete(RawState s) throws KeeperException, InterruptedException {
    String node =
        s.zk.create(
            "/raw-lock/n-", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    s.zk.delete(node, -1);
  }
}
