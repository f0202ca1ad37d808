package dev.baton.lock;

import dev.baton.Coordinator;
import dev.baton.internal.Names;
import java.util.Objects;

/**
 * Makes locks. Applications call the coordinator's shortcuts ({@code coord.lock(name)}, {@code
 * coord.readWriteLock(name)}, {@code coord.semaphore(name, permits)}), which land here.
 *
 * <p>Each lock is a recipe of its coordinator: it is closed (and its leases released) when the
 * coordinator closes. Locks of the same name in different processes, or made twice in one
 * process, are the same lock. Nodes live under {@code /locks/<name>}, {@code /rwlocks/<name>} and
 * {@code /semaphores/<name>} in the coordinator's namespace.
 *
 * @since 0.1
 */
public final class Locks {
  private Locks() {}

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
    return new MutexLock(new QueueLock(coord, "/locks/" + name, "lock '" + name + "'"), name);
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
    return new ReadWriteLockImpl(
        new QueueLock(coord, "/rwlocks/" + name, "read/write lock '" + name + "'"), name);
  }

  /**
   * A counting semaphore.
   *
   * @param coord the coordinator
   * @param name the semaphore's name: letters, digits, {@code . _ -}
   * @param permits how many leases may be held at once, at least 1
   * @return the semaphore
   * @throws IllegalArgumentException if the name is invalid or {@code permits} is below 1
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
    return new SemaphoreImpl(
        new QueueLock(coord, "/semaphores/" + name, "semaphore '" + name + "'"), name, permits);
  }
}
