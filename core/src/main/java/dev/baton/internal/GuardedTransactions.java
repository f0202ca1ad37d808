package dev.baton.internal;

import dev.baton.CoordinationException;
import dev.baton.Guard;
import dev.baton.LeaseLostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.jspecify.annotations.Nullable;

/**
 * The one place where writes are committed atomically with {@code multi()}, optionally behind a
 * {@link Guard}: the guard's node is checked in the same transaction, so a holder that lost its
 * lease cannot land a write.
 */
public final class GuardedTransactions {
  private GuardedTransactions() {}

  /**
   * Commits {@code ops} as one transaction.
   *
   * @param client the client
   * @param guard the guard, or {@code null} for an unguarded transaction
   * @param ops the operations, in order
   * @param subject the key or path the transaction is about, for error messages
   * @return the results of {@code ops} (the guard's check excluded)
   * @throws LeaseLostException if the guard is known lost, or its node is gone; nothing was written
   * @throws KeeperException if one of {@code ops} failed (callers map it to their own meaning, e.g.
   *     a version conflict); nothing was written
   * @throws CoordinationException for any other failure
   */
  public static List<CuratorTransactionResult> commit(
      CuratorFramework client, @Nullable Guard guard, List<CuratorOp> ops, String subject)
      throws KeeperException {
    List<CuratorOp> all = new ArrayList<>(ops.size() + 1);
    if (guard != null) {
      try {
        guard.checkValid();
      } catch (LeaseLostException e) {
        // Name what was being written, not only the lease: the caller knows its key, not its lease.
        // The lease's path is named once: as the subject, or else in the reason.
        String why = subject.equals(e.path()) ? e.reason() : e.getMessage();
        throw new LeaseLostException(subject, "write refused: " + why, e);
      }
      try {
        all.add(client.transactionOp().check().forPath(guard.guardPath()));
      } catch (Exception e) {
        throw ZkErrors.translate(subject, "prepare guarded write", e);
      }
    }
    all.addAll(ops);
    try {
      List<CuratorTransactionResult> results = client.transaction().forOperations(all);
      return guard == null ? results : results.subList(1, results.size());
    } catch (KeeperException e) {
      if (guard != null && guardFailed(e)) {
        throw new LeaseLostException(
            subject,
            "write refused: the guarding lease or leadership ("
                + (subject.equals(guard.guardPath()) ? "" : guard.guardPath() + ", ")
                + "token "
                + guard.fencingToken()
                + ") is no longer held",
            e);
      }
      if (isConnectionProblem(e) || e.code() == KeeperException.Code.NOAUTH) {
        throw ZkErrors.translate(subject, "write", e);
      }
      throw e;
    } catch (Exception e) {
      throw ZkErrors.translate(subject, "write", e);
    }
  }

  private static boolean guardFailed(KeeperException e) {
    List<OpResult> results = e.getResults();
    if (results == null || results.isEmpty()) {
      return e.code() == KeeperException.Code.NONODE;
    }
    OpResult first = results.get(0);
    return first instanceof OpResult.ErrorResult err
        && err.getErr() != KeeperException.Code.OK.intValue()
        && err.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue();
  }

  private static boolean isConnectionProblem(KeeperException e) {
    return switch (e.code()) {
      case CONNECTIONLOSS, SESSIONEXPIRED, SESSIONMOVED, OPERATIONTIMEOUT -> true;
      default -> false;
    };
  }
}
