package dev.baton.lock;

import dev.baton.Coordinator;
import dev.baton.internal.Names;
import dev.baton.internal.Parts;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Makes locks. Applications call the coordinator's shortcuts ({@code coord.lock(name)}, {@code
 * coord.readWriteLock(name)}, {@code coord.semaphore(name, permits)}), which land here.
 *
 * <p>Each lock is a recipe of its coordinator: it is closed (and its leases released) when the
 * coordinator closes. Locks of the same name in different processes are the same lock; within one
 * coordinator, asking twice for the same name returns the same object (so {@code
 * coord.lock(name).acquire(...)} costs no new listener, and the mutex is re-entrant per thread
 * whichever call site acquires). Closing that object closes it for every user in the process. Nodes
 * live under {@code /locks/<name>}, {@code /rwlocks/<name>} and {@code /semaphores/<name>} in the
 * coordinator's namespace.
 *
 * @since 0.1
 */
public final class Locks {
  private record Open<T>(T lock, int permits) {}

  /** A coordinator's open locks by directory: asking twice for a name gives the same lock. */
  private static final class OpenLocks implements AutoCloseable {
    final ConcurrentMap<String, Open<?>> byDir = new ConcurrentHashMap<>();

    @Override
    public void close() {
      byDir.clear(); // the locks themselves are closed by the coordinator, each on its own
    }
  }

  private Locks() {}

  @SuppressWarnings("unchecked")
  private static <T> T open(
      Coordinator coord, String dir, int permits, String what, Function<QueueLock, T> make) {
    OpenLocks locks = Parts.of(coord).shared(OpenLocks.class, OpenLocks::new);
    Open<T> open =
        (Open<T>)
            locks.byDir.computeIfAbsent(
                dir,
                d ->
                    new Open<>(
                        make.apply(new QueueLock(coord, dir, what, () -> locks.byDir.remove(d))),
                        permits));
    if (open.permits() != permits) {
      throw new IllegalArgumentException(
          what + " is already open with " + open.permits() + " permits, not " + permits);
    }
    return open.lock();
  }

  /**
   * A re-entrant mutex.
   *
   * @param coord the coordinator
   * @param name the lock's name: letters, digits, {@code . _ -}
   * @return the lock
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if the coordinator is closed
   */
  public static DistributedLock mutex(Coordinator coord, String name) {
    Objects.requireNonNull(coord, "coord");
    Names.segment("lock name", name);
    Parts.of(coord).checkOpen();
    return open(coord, "/locks/" + name, 0, "lock '" + name + "'", q -> new MutexLock(q, name));
  }

  /**
   * A read/write lock.
   *
   * @param coord the coordinator
   * @param name the lock's name: letters, digits, {@code . _ -}
   * @return the lock
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if the coordinator is closed
   */
  public static ReadWriteLock readWrite(Coordinator coord, String name) {
    Objects.requireNonNull(coord, "coord");
    Names.segment("read/write lock name", name);
    Parts.of(coord).checkOpen();
    return open(
        coord,
        "/rwlocks/" + name,
        0,
        "read/write lock '" + name + "'",
        q -> new ReadWriteLockImpl(q, name));
  }

  /**
   * A counting semaphore.
   *
   * @param coord the coordinator
   * @param name the semaphore's name: letters, digits, {@code . _ -}
   * @param permits how many leases may be held at once, at least 1
   * @return the semaphore
   * @throws IllegalArgumentException if the name is invalid, {@code permits} is below 1, or the
   *     semaphore is already open in this coordinator with another number of permits
   * @throws IllegalStateException if the coordinator is closed
   */
  public static Semaphore semaphore(Coordinator coord, String name, int permits) {
    Objects.requireNonNull(coord, "coord");
    Names.segment("semaphore name", name);
    if (permits < 1) {
      throw new IllegalArgumentException(
          "semaphore '" + name + "' needs at least 1 permit, was " + permits);
    }
    Parts.of(coord).checkOpen();
    return open(
        coord,
        "/semaphores/" + name,
        permits,
        "semaphore '" + name + "'",
        q -> new SemaphoreImpl(q, name, permits));
  }
}
