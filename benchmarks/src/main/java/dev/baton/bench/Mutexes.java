package dev.baton.bench;

import dev.baton.Coordinator;
import dev.baton.lock.DistributedLock;
import dev.baton.lock.LockLease;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.jspecify.annotations.Nullable;

/** The mutex implementations by name: the names are the {@code impl} parameter's values. */
final class Mutexes {
  /** Curator's {@code InterProcessMutex}. */
  static final String CURATOR = "curator";

  /** Baton's mutex, {@code coord.lock(name)}: a lease per acquisition, released by closing it. */
  static final String BATON = "baton";

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Mutexes() {}

  /** {@return the factory of {@code impl}} */
  static BenchMutex.Factory named(String impl) {
    switch (impl) {
      case CURATOR:
        return CuratorMutex::new;
      case BATON:
        return BatonMutex::new;
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

  private static final class BatonMutex implements BenchMutex {
    private final Coordinator session;
    private final DistributedLock lock;
    private final String dir;
    private @Nullable LockLease lease;

    BatonMutex(Coordinator session, String name) {
      this.session = session;
      this.lock = session.lock(name);
      // Where Baton's mutex queues (docs/leader-and-locks.md); read only to count the contenders.
      this.dir = "/locks/" + name;
    }

    @Override
    public void acquire() throws InterruptedException {
      lease = lock.acquire(TIMEOUT);
    }

    @Override
    public void release() {
      LockLease held = lease;
      if (held == null) {
        throw new IllegalStateException("release without acquire");
      }
      lease = null;
      held.close();
    }

    @Override
    public int participants() throws Exception {
      return session.curator().getChildren().forPath(dir).size();
    }
  }
}
