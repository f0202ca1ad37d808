package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contended hand-off: the benchmark thread holds the lock while the other contenders queue for it
 * (each in its own session and thread); one operation is its release until the next holder's
 * acquire returns. Before each operation (untimed) the benchmark thread queues again, waits for its
 * turn, and waits until every other contender is queued behind it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MutexHandoffBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(MutexHandoffBenchmark.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String LOCK = "handoff";

  /** The implementation (see {@link Mutexes}). */
  @Param({Mutexes.CURATOR, Mutexes.BATON})
  public String impl = Mutexes.CURATOR;

  /** Contenders in all, the benchmark thread included. */
  @Param({"2", "4"})
  public int contenders = 2;

  private final Progress progress = new Progress();
  private final AtomicLong acquisitions = new AtomicLong();
  private final List<Thread> others = new ArrayList<>();
  private volatile boolean running;
  private BenchMutex mine;

  /** For JMH. */
  public MutexHandoffBenchmark() {}

  /**
   * Opens one session per contender and starts the other contenders' threads.
   *
   * @param fx the server
   * @throws Exception if a session or mutex cannot be made
   */
  @Setup(Level.Trial)
  public void setUp(ZooKeeperFixture fx) throws Exception {
    if (contenders < 2) {
      throw new IllegalArgumentException("contenders must be at least 2, not " + contenders);
    }
    BenchMutex.Factory factory = Mutexes.named(impl);
    mine = factory.create(fx.coordinator(), LOCK);
    running = true;
    for (int i = 1; i < contenders; i++) {
      BenchMutex theirs = factory.create(fx.coordinator(), LOCK);
      Thread t = new Thread(() -> contend(theirs), "bench-contender-" + i);
      t.setDaemon(true);
      others.add(t);
      t.start();
    }
  }

  private void contend(BenchMutex m) {
    try {
      while (running) {
        m.acquire();
        progress.saw(acquisitions.incrementAndGet());
        m.release();
      }
    } catch (Exception e) {
      if (running) {
        LOG.error("contender failed", e);
      }
    }
  }

  /**
   * Takes the lock and waits until all other contenders queue behind it (untimed).
   *
   * @throws Exception if that does not happen within 30 s
   */
  @Setup(Level.Invocation)
  public void holdWithQueue() throws Exception {
    mine.acquire();
    Progress.poll(
        () -> mine.participants() == contenders, TIMEOUT, contenders + " contenders queued");
  }

  /**
   * Releases the lock and waits until another contender's acquire has returned.
   *
   * @return the acquisitions so far, so JMH consumes it
   * @throws Exception if no one acquires within 30 s
   */
  @Benchmark
  public long releaseToNextHolder() throws Exception {
    long next = acquisitions.get() + 1;
    mine.release();
    progress.await(next, TIMEOUT);
    return next;
  }

  /**
   * Stops the other contenders (their sessions close with the fixture).
   *
   * @throws InterruptedException if interrupted while joining them
   */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    running = false;
    for (Thread t : others) {
      t.join(TIMEOUT.toMillis());
    }
  }
}
