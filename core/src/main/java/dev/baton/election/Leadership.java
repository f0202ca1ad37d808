package dev.baton.election;

import dev.baton.Guard;
import dev.baton.GuardedOp;
import dev.baton.LeaseLostException;
import java.util.List;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;

/**
 * One term of one participant as leader, from {@link ElectionListener#onElected} to {@link
 * ElectionListener#onRevoked}.
 *
 * <p>{@link #epoch()} is the czxid of the leader's node: every later leadership of the same
 * election has a larger epoch, so it serves as a fencing token for a downstream store. One
 * exception is deliberate: a fail-safe leader revoked on SUSPENDED whose connection comes back with
 * the same session, and whose node is still first, is elected again as a new {@code Leadership}
 * object with the <em>same</em> epoch. Nobody else can have led in between (its node was first all
 * along), so epochs never decrease and a store may accept the equal epoch.
 *
 * <p>Thread-safe; an immutable identity with a validity that only goes from valid to invalid.
 *
 * @since 0.1
 */
public interface Leadership {
  /**
   * The epoch: the czxid of the leader's node.
   *
   * @return the epoch, larger than that of every earlier leader of this election
   */
  long epoch();

  /**
   * The leading participant's id.
   *
   * @return the id
   */
  String participantId();

  /**
   * The election's name.
   *
   * @return the name
   */
  String electionName();

  /**
   * Whether this leadership still holds, as far as this process can tell: not revoked, connected
   * and not read-only (under {@link SuspendPolicy#FAIL_SAFE}), still in the session that created
   * its node, and answered by the ZooKeeper leader within about half the session timeout. Once
   * false, it stays false.
   *
   * @return {@code true} while leading
   */
  boolean isValid();

  /**
   * Throws unless {@link #isValid()}.
   *
   * @throws LeaseLostException if the leadership ended
   */
  void checkValid();

  /**
   * The guard of this leadership, for writers that accept one.
   *
   * @return a guard naming the leader's node and epoch
   */
  Guard guard();

  /**
   * Runs Baton-level operations (create with parents, set data, delete, check) in one {@code
   * multi()} together with a check that this leadership's node still exists: all land, or none
   * does, and a holder that lost it, even without knowing it, writes nothing. No Curator types
   * needed.
   *
   * @param ops the operations, in order
   * @return one result per operation, in order. The write is applied at most once: if the
   *     connection drops before its reply arrives, Baton looks on the server for its own marker
   *     before sending it again. Found committed that way, a {@code SET_DATA}'s new version is read
   *     back (synced); it is {@code -1} only if the node was changed again before that read.
   * @throws LeaseLostException if the leadership is lost: nothing was written, unless {@link
   *     LeaseLostException#outcomeUnknown()} is true (the leadership was lost while the reply was
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
   * Runs ZooKeeper operations in one {@code multi()} with a check that the leader's node still
   * exists, so a leader that lost its session cannot write.
   *
   * @param ops the operations (from {@code coord.curator().transactionOp()})
   * @return their results. The transaction is applied at most once: if the connection drops before
   *     its reply arrives, Baton looks on the server for the transaction's own marker before
   *     sending it again, and sends it again only while the leadership holds. Found committed that
   *     way, the results carry each operation's type and path, no result path, and a {@code
   *     setData}'s Stat only if a synced read found the node as the transaction left it.
   * @throws LeaseLostException if the leadership ended: nothing was written, unless {@link
   *     LeaseLostException#outcomeUnknown()} is true (lost while a reply was outstanding; the
   *     message says so too)
   * @throws dev.baton.ConnectionLostException if the connection could not be restored in time, or
   *     the reply was lost and the server's state cannot tell whether the transaction landed
   * @throws dev.baton.CoordinationException if an operation failed; nothing was written
   * @throws IllegalArgumentException if {@code ops} is empty
   */
  List<CuratorTransactionResult> guardedTransaction(List<CuratorOp> ops);
}
