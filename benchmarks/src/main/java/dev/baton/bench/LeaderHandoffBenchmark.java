package dev.baton.bench;

import java.util.concurrent.TimeUnit;
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
 * Leadership hand-off: two candidates in two sessions; one operation is the leader resigning until
 * the other one hears it is elected. After each operation (untimed) the resigned side joins again
 * behind the new leader (or, with Baton's {@code relinquish()}, which re-queues it by itself, the
 * benchmark only waits until it has), so the roles alternate between the two sessions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LeaderHandoffBenchmark {
  private static final String ELECTION = "handoff";

  /** The implementation (see {@link Candidates}). */
  @Param({Candidates.CURATOR, Candidates.BATON})
  public String impl = Candidates.CURATOR;

  private CandidatePair pair;

  /** For JMH. */
  public LeaderHandoffBenchmark() {}

  /**
   * Elects a first leader and queues a follower behind it.
   *
   * @param fx the server
   * @throws Exception if the election does not settle within 30 s
   */
  @Setup(Level.Trial)
  public void setUp(ZooKeeperFixture fx) throws Exception {
    pair = new CandidatePair(impl, ELECTION, fx.coordinator(), fx.coordinator());
  }

  /**
   * The leader resigns; waits until the follower is elected.
   *
   * @return the elections so far, so JMH consumes it
   * @throws Exception if no one is elected within 30 s
   */
  @Benchmark
  public long resignToNextElected() throws Exception {
    return pair.resignAndAwaitNext();
  }

  /**
   * Swaps roles: the new leader leads, the resigned side joins again as follower, unless it stayed
   * in the election (untimed).
   *
   * @throws Exception if the follower does not join within 30 s
   */
  @TearDown(Level.Invocation)
  public void rejoin() throws Exception {
    pair.swapRoles();
  }

  /** Leaves the election (the sessions close with the fixture). */
  @TearDown(Level.Trial)
  public void tearDown() {
    pair.close();
  }
}
