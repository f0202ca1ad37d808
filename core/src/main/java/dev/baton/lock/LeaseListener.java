package dev.baton.lock;

/**
 * Hears that a {@link LockLease} was lost: the connection was suspended, the session ended, or the
 * lease's own clock lapsed, so the holder must stop acting as one. A release is not a loss.
 *
 * <pre>{@code
 * try (LockLease lease = coord.lock("hdfs-commit").acquire(Duration.ofSeconds(30))) {
 *   lease.addListener(lost -> store.abort("lease " + lost.path() + " lost"));
 *   lease.checkValid();
 *   store.commit(files, lease.fencingToken());
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.LockExample} in the test
 * sources.
 *
 * <p>Called at most once per registration. An exception thrown here is logged and reaches no other
 * listener.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LeaseListener {
  /**
   * The lease is lost; {@link LockLease#isValid()} is already false.
   *
   * @param lease the lost lease
   */
  void onLost(LockLease lease);
}
