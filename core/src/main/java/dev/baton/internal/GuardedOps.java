package dev.baton.internal;

import dev.baton.Guard;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;

/** Guarded writes for the public API of leases and leaderships: every failure unchecked. */
public final class GuardedOps {
  private GuardedOps() {}

  /**
   * Commits {@code ops} behind {@code guard} in one {@code multi()}.
   *
   * @param client the coordinator's client
   * @param guard the lease or leadership
   * @param ops the operations
   * @return their results
   * @throws dev.baton.LeaseLostException if the guard no longer holds; nothing was written
   * @throws dev.baton.CoordinationException if an operation failed; nothing was written
   * @throws IllegalArgumentException if {@code ops} is empty
   */
  public static List<CuratorTransactionResult> commit(
      CuratorFramework client, Guard guard, List<CuratorOp> ops) {
    Objects.requireNonNull(ops, "ops");
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a guarded transaction needs at least one operation");
    }
    ops.forEach(op -> Objects.requireNonNull(op, "ops contains null"));
    String subject = guard.guardPath();
    try {
      return GuardedTransactions.commit(client, guard, ops, subject);
    } catch (KeeperException e) {
      String path = e.getPath() != null ? e.getPath() : subject;
      throw ZkErrors.translate(path, "guarded write", e);
    }
  }
}
