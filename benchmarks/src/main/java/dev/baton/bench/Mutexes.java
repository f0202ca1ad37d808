package dev.baton.bench;

import dev.baton.Coordinator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;

/** The mutex implementations by name: the names are the {@code impl} parameter's values. */
final class Mutexes {
  /** Curator's {@code InterProcessMutex}. */
  static final String CURATOR = "curator";

  // ---- Baton variant: "baton" (coord.lock(name) mutex) goes here once dev.baton.lock is merged,
  // and into the @Param lists of LockBenchmark and MutexHandoffBenchmark. ----

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Mutexes() {}

  /** {@return the factory of {@code impl}} */
  static BenchMutex.Factory named(String impl) {
    switch (impl) {
      case CURATOR:
        return CuratorMutex::new;
      default:
        throw new IllegalArgumentException("unknown mutex implementation '" + impl + "'");
    }
  }

  private static final class CuratorMutex implements BenchMutex {
    private final InterProcessMutex mutex;

    CuratorMutex(Coordinator session, String name) {
      this.mutex = new InterProcessMutex(session.curator(), "/locks/" + name);
    }

    @Override
    public void acquire() throws Exception {
      if (!mutex.acquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("InterProcessMutex not acquired within " + TIMEOUT);
      }
    }

    @Override
    public void release() throws Exception {
      mutex.release();
    }

    @Override
    public int participants() throws Exception {
      return mutex.getParticipantNodes().size();
    }
  }
}
