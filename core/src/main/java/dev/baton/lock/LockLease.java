package dev.baton.lock;

import dev.baton.Guard;
import dev.baton.GuardedOp;
import dev.baton.LeaseLostException;
import dev.baton.Listenable;
import dev.baton.ListenerHandle;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;

/**
 * One holding of a distributed lock, semaphore permit or read/write lock side: closing it releases
 * what it holds.
 *
 * <pre>{@code
 * try (LockLease lease = coord.lock("hdfs-commit").acquire(Duration.ofSeconds(30))) {
 *   lease.addListener(lost -> store.abort("lease " + lost.path() + " lost"));
 *   lease.checkValid();                        // throws LeaseLostException once lost
 *   store.commit(files, lease.fencingToken()); // the store refuses tokens below its highest
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.LockExample} in the test
 * sources.
 *
 * <p><b>Validity.</b> A lease is valid from its acquisition until the first of: it is closed; the
 * connection is SUSPENDED or READ_ONLY (fail-safe: the session may be expiring and nobody can tell
 * yet); the session is LOST; the client runs in another session than the one that created the
 * lease; or the lease's own clock says the session may have expired (the ZooKeeper leader has not
 * answered this session for about half the session timeout, which catches a process that was paused
 * and a server cut off from the leader that keeps answering; the exact rule is in {@code
 * docs/leader-and-locks.md}). Once invalid it stays invalid, even if the connection comes back:
 * close it and acquire again. Its node is then deleted as soon as the connection allows, so other
 * waiters are not kept waiting.
 *
 * <p><b>Fencing.</b> {@link #fencingToken()} is the czxid of the lease's node, larger for every
 * lease created later on the same lock. For <em>exclusive</em> leases (a mutex, the write side of a
 * read/write lock) holdings never overlap, so a store that remembers the highest token it accepted
 * and refuses lower ones is safe even from a holder that does not know it lost the lease. For
 * <em>shared</em> leases (semaphore permits, the read side of a read/write lock) that rule does not
 * apply: holders overlap, and a holder that acquired earlier is still legitimate after a later one
 * wrote, so "refuse lower tokens" would reject valid writers. There the token only identifies a
 * holding; fence with {@link #guardedTransaction(List)} (which needs no token) or a per-holding
 * check in the store. Writes to ZooKeeper itself can always be guarded with {@link
 * #guardedTransaction(List)}.
 *
 * <p>Thread-safe: any thread may check, listen to or close a lease.
 *
 * @since 0.1
 */
public interface LockLease extends Listenable<LeaseListener>, AutoCloseable {
  /**
   * The fencing token: the czxid of this lease's node, strictly larger than that of every lease of
   * the same lock created before it. It orders holdings only for exclusive leases; for semaphore
   * permits and read leases, which overlap, it identifies the holding but a store must not refuse
   * lower tokens (see the class documentation).
   *
   * @return the token
   */
  long fencingToken();

  /**
   * Whether the lease is still held, as far as this process can tell without asking the server.
   * Check it right before acting as the holder; guard writes for a check the server makes.
   *
   * @return {@code true} while the lease holds
   */
  boolean isValid();

  /**
   * Throws unless the lease {@linkplain #isValid() is valid}.
   *
   * @throws LeaseLostException if the lease is lost or released
   */
  void checkValid();

  /**
   * Adds a listener called once when the lease is lost (not when it is released), on the thread
   * that learns of the loss: Curator's connection-state thread, the thread calling {@link
   * #isValid()} or {@link #checkValid()}, or, when the session clock runs out first, one of the
   * clock's lapse threads ({@code baton-session-clock-lapse-*}); keep it short. If the lease is
   * already lost, it is called at once, on the calling thread.
   *
   * @param listener the listener
   * @return a handle that removes the listener
   */
  @Override
  ListenerHandle addListener(LeaseListener listener);

  /**
   * Like {@link #addListener(LeaseListener)}, running the listener on {@code executor}.
   *
   * @param listener the listener
   * @param executor where it runs
   * @return a handle that removes the listener
   */
  @Override
  ListenerHandle addListener(LeaseListener listener, Executor executor);

  /**
   * Removes every registration of {@code listener}; does nothing if it is not registered.
   *
   * @param listener the listener
   */
  @Override
  void removeListener(LeaseListener listener);

  /**
   * The guard of this lease, for writers that accept one (e.g. configuration stores).
   *
   * @return a guard naming this lease's node and token
   */
  Guard guard();

  /**
   * Runs Baton-level operations (create with parents, set data, delete, check) in one {@code
   * multi()} together with a check that this lease's node still exists: all land, or none does, and
   * a holder that lost it, even without knowing it, writes nothing. No Curator types needed.
   *
   * @param ops the operations, in order
   * @return one result per operation, in order. The write is applied at most once: if the
   *     connection drops before its reply arrives, Baton looks on the server for its own marker
   *     before sending it again. Found committed that way, a {@code SET_DATA}'s new version is read
   *     back (synced); it is {@code -1} only if the node was changed again before that read.
   * @throws LeaseLostException if the lease is lost: nothing was written, unless {@link
   *     LeaseLostException#outcomeUnknown()} is true (the lease was lost while the reply was
   *     outstanding and the server's state cannot tell whether the write landed; the message says
   *     so too)
   * @throws dev.baton.ConnectionLostException if the connection could not be restored in time, or
   *     the reply was lost and the server's state cannot tell whether the write landed
   * @throws dev.baton.CoordinationException naming the path of the operation that failed (a version
   *     that did not match, a node that exists or is missing); nothing was written
   * @throws IllegalArgumentException if {@code ops} is empty
   */
  List<GuardedOp.Result> guardedWrite(List<GuardedOp> ops);

  /**
   * Runs ZooKeeper operations (built with {@code coord.curator().transactionOp()}) in one {@code
   * multi()} together with a check that this lease's node still exists: a holder that lost the
   * lease, even without knowing it, cannot write, and nothing of the transaction lands.
   *
   * @param ops the operations, in order
   * @return their results. The transaction is applied at most once: if the connection drops before
   *     its reply arrives, Baton looks on the server for the transaction's own marker before
   *     sending it again, and sends it again only while the lease holds. Found committed that way,
   *     the results carry each operation's type and path, no result path, and a {@code setData}'s
   *     Stat only if a synced read found the node as the transaction left it.
   * @throws LeaseLostException if the lease is lost: nothing was written, unless {@link
   *     LeaseLostException#outcomeUnknown()} is true (lost while a reply was outstanding; the
   *     message says so too)
   * @throws dev.baton.ConnectionLostException if the connection could not be restored in time, or
   *     the reply was lost and the server's state cannot tell whether the transaction landed
   * @throws dev.baton.CoordinationException if an operation failed; nothing was written
   * @throws IllegalArgumentException if {@code ops} is empty
   */
  List<CuratorTransactionResult> guardedTransaction(List<CuratorOp> ops);

  /**
   * The path of this lease's node, relative to the coordinator's namespace.
   *
   * @return the path
   */
  String path();

  /**
   * Releases the lease: its node is deleted and the next waiter may hold. For a re-entrant mutex
   * lease acquired several times by its thread, only the last close releases. Idempotent; never
   * throws.
   *
   * <p>Bounded: the delete is a guaranteed background delete, and close waits for ZooKeeper to
   * confirm it for at most one second, and not at all while disconnected or while the coordinator
   * closes. A delete that cannot reach the server goes on in the background (Curator retries it
   * until the node is gone), and the node goes with the session at the latest: when the coordinator
   * closes its client, or when the server expires the session.
   */
  @Override
  void close();
}
