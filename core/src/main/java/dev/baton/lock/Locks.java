package dev.baton.lock;

import dev.baton.Coordinator;
import dev.baton.internal.Names;
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
  private static final ConcurrentMap<Key, DistributedLockOrRw> OPEN = new ConcurrentHashMap<>();

  private record Key(Coordinator coord, String dir) {}

  /** Marker for what {@link #OPEN} holds. */
  private interface DistributedLockOrRw {}

  private record Open<T>(T lock, int permits) implements DistributedLockOrRw {}

  private Locks() {}

  @SuppressWarnings("unchecked")
  private static <T> T open(
      Coordinator coord, String dir, int permits, String what, Function<QueueLock, T> make) {
    coord.checkOpen();
    Key key = new Key(coord, dir);
    Open<T> open =
        (Open<T>)
            OPEN.computeIfAbsent(
                key,
                k ->
                    new Open<>(
                        make.apply(new QueueLock(coord, dir, what, () -> OPEN.remove(k))),
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
    coord.checkOpen();
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
    coord.checkOpen();
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
    coord.checkOpen();
    return open(
        coord,
        "/semaphores/" + name,
        permits,
        "semaphore '" + name + "'",
        q -> new SemaphoreImpl(q, name, permits));
  }
}
