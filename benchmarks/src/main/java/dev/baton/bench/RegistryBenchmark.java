package dev.baton.bench;

import java.time.Duration;
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
 * Registry costs: selecting an instance from a cached view (no round trip: nanoseconds), and a
 * registration in one session until another session's view lists it (a create, a child watch, and
 * the view's reads).
 */
public class RegistryBenchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int INSTANCES = 10;

  /** For JMH. */
  public RegistryBenchmark() {}

  /** A view of a service with ten registered instances. */
  @State(Scope.Benchmark)
  public static class SelectState {
    /** The implementation (see {@link Registries}). */
    @Param({Registries.CURATOR, Registries.BATON})
    public String impl = Registries.CURATOR;

    RegistryProbe probe;

    /** For JMH. */
    public SelectState() {}

    /**
     * Registers the instances and waits until the view lists them all.
     *
     * @param fx the server
     * @throws Exception if the view does not fill within 30 s
     */
    @Setup(Level.Trial)
    public void setUp(ZooKeeperFixture fx) throws Exception {
      probe =
          fx.track(
              Registries.named(impl).open(fx.coordinator(), fx.coordinator(), "select", () -> {}));
      for (int i = 0; i < INSTANCES; i++) {
        probe.register("i" + i);
      }
      Progress.poll(() -> probe.selectable() == INSTANCES, TIMEOUT, INSTANCES + " in the view");
    }
  }

  /** A registrar and a remote view, both empty between operations. */
  @State(Scope.Benchmark)
  public static class UpdateState {
    /** The implementation (see {@link Registries}). */
    @Param({Registries.CURATOR, Registries.BATON})
    public String impl = Registries.CURATOR;

    final Progress progress = new Progress();
    RegistryProbe probe;
    String id = "";
    long n;

    /** For JMH. */
    public UpdateState() {}

    /**
     * Starts the probe.
     *
     * @param fx the server
     * @throws Exception if it cannot start
     */
    @Setup(Level.Trial)
    public void setUp(ZooKeeperFixture fx) throws Exception {
      probe =
          fx.track(
              Registries.named(impl)
                  .open(fx.coordinator(), fx.coordinator(), "update", progress::poke));
    }

    /**
     * Removes the instance registered by the last operation and waits until the view drops it.
     *
     * @throws Exception if the view still lists it after 30 s
     */
    @TearDown(Level.Invocation)
    public void unregister() throws Exception {
      probe.unregister(id);
      String gone = id;
      progress.awaitUntil(() -> !probe.viewHas(gone), TIMEOUT, "view drops " + gone);
    }
  }

  /**
   * Selects one instance from the view.
   *
   * @param s the view
   * @return the instance, so JMH consumes it
   * @throws Exception if the view fails
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object selectInstance(SelectState s) throws Exception {
    return s.probe.select();
  }

  /**
   * Registers a new instance and waits until the remote view lists it.
   *
   * @param s the registrar and view
   * @return the instance id, so JMH consumes it
   * @throws Exception if the view does not list it within 30 s
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String registrationSeenRemotely(UpdateState s) throws Exception {
    String id = "r" + ++s.n;
    s.id = id;
    s.probe.register(id);
    s.progress.awaitUntil(() -> s.probe.viewHas(id), TIMEOUT, "view lists " + id);
    return id;
  }
}
