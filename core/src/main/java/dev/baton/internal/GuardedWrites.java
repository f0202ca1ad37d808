package dev.baton.internal;

import dev.baton.CoordinationException;
import dev.baton.Guard;
import dev.baton.GuardedOp;
import dev.baton.LeaseLostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.TransactionOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * Baton-level guarded writes: {@link GuardedOp}s turned into one guarded {@code multi()}. A
 * create's missing parents are found first and created in the same transaction, so a refused write
 * leaves no parent behind; if another client creates one of them meanwhile, the write is planned
 * again. The transaction goes through {@link GuardedOps}, so it is applied at most once.
 */
public final class GuardedWrites {
  private static final int ATTEMPTS = 3;

  private GuardedWrites() {}

  /**
   * Runs {@code ops} behind {@code guard}, all or nothing.
   *
   * @param client the coordinator's client
   * @param guard the lease or leadership
   * @param ops the operations, in order
   * @return one result per operation, in order
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was written, unless
   *     {@link dev.baton.LeaseLostException#outcomeUnknown()} (see {@link GuardedOps#commit})
   * @throws dev.baton.CoordinationException naming the path of the operation that failed; nothing
   *     was written
   * @throws IllegalArgumentException if {@code ops} is empty
   */
  public static List<GuardedOp.Result> write(
      CuratorFramework client, Guard guard, List<GuardedOp> ops) {
    Objects.requireNonNull(ops, "ops");
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a guarded write needs at least one operation");
    }
    ops.forEach(op -> Objects.requireNonNull(op, "ops contains null"));
    guard.checkValid(); // refuse before reading anything
    for (int attempt = 1; ; attempt++) {
      Plan plan = plan(client, ops);
      try {
        // At most once, as every guarded transaction: see GuardedOps.
        return plan.results(GuardedOps.commit(client, guard, plan.curatorOps));
      } catch (LeaseLostException e) {
        throw e;
      } catch (CoordinationException e) {
        if (!(e.getCause() instanceof KeeperException ke)) {
          throw e;
        }
        int failed = GuardedTransactions.firstFailure(ke) - 1; // the guard's check comes first
        if (failed < 0 || failed >= plan.paths.size()) {
          throw e;
        }
        boolean parentAppeared =
            ke.code() == KeeperException.Code.NODEEXISTS && plan.owner.get(failed) < 0;
        if (parentAppeared && attempt < ATTEMPTS) {
          continue;
        }
        throw ZkErrors.translate(plan.paths.get(failed), "guarded write", ke);
      }
    }
  }

  /** The Curator operations of one attempt; owner[i] is the GuardedOp index, or -1 for a parent. */
  private record Plan(
      List<CuratorOp> curatorOps, List<Integer> owner, List<String> paths, List<GuardedOp> ops) {
    List<GuardedOp.Result> results(List<CuratorTransactionResult> results) {
      List<GuardedOp.Result> out = new ArrayList<>(ops.size());
      for (int i = 0; i < results.size(); i++) {
        int index = owner.get(i);
        if (index < 0) {
          continue;
        }
        GuardedOp op = ops.get(index);
        CuratorTransactionResult r = results.get(i);
        int version =
            switch (op.kind()) {
              case CREATE -> 0;
              case SET_DATA -> newVersion(op, r);
              case DELETE, CHECK -> -1;
            };
        String path = r.getResultPath() != null ? r.getResultPath() : op.path();
        out.add(new GuardedOp.Result(op.kind(), path, version));
      }
      return out;
    }
  }

  /**
   * A SET_DATA's new version: from its Stat; without one (a lost reply, the node changed again
   * before it was read back) exactly one above an expected version, else unknown (-1).
   */
  private static int newVersion(GuardedOp op, CuratorTransactionResult r) {
    if (r.getResultStat() != null) {
      return r.getResultStat().getVersion();
    }
    return op.version() >= 0 ? op.version() + 1 : -1;
  }

  private static Plan plan(CuratorFramework client, List<GuardedOp> ops) {
    List<CuratorOp> curatorOps = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    Set<String> planned = new HashSet<>();
    TransactionOp t = client.transactionOp();
    String current = ops.get(0).path();
    try {
      for (int i = 0; i < ops.size(); i++) {
        GuardedOp op = ops.get(i);
        current = op.path();
        if (op.kind() == GuardedOp.Kind.CREATE) {
          for (String parent : parents(op.path())) {
            if (planned.add(parent) && client.checkExists().forPath(parent) == null) {
              curatorOps.add(t.create().withMode(CreateMode.PERSISTENT).forPath(parent));
              owner.add(-1);
              paths.add(parent);
            }
          }
          planned.add(op.path());
        }
        curatorOps.add(curatorOp(t, op));
        owner.add(i);
        paths.add(op.path());
      }
    } catch (Exception e) {
      throw ZkErrors.translate(current, "prepare guarded write", e);
    }
    return new Plan(curatorOps, owner, paths, ops);
  }

  private static CuratorOp curatorOp(TransactionOp t, GuardedOp op) throws Exception {
    return switch (op.kind()) {
      case CREATE -> t.create().withMode(CreateMode.PERSISTENT).forPath(op.path(), op.data());
      case SET_DATA -> t.setData().withVersion(op.version()).forPath(op.path(), op.data());
      case DELETE -> t.delete().withVersion(op.version()).forPath(op.path());
      case CHECK -> t.check().withVersion(op.version()).forPath(op.path());
    };
  }

  /** The ancestors of {@code path}, root's children first; the root itself excluded. */
  private static List<String> parents(String path) {
    List<String> out = new ArrayList<>();
    for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
      out.add(path.substring(0, i));
    }
    return out;
  }
}
