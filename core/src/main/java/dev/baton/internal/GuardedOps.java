package dev.baton.internal;

import dev.baton.Guard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.framework.api.transaction.TypeAndPath;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * Guarded writes for the public API of leases and leaderships: every failure unchecked, and each
 * transaction applied at most once. The caller's operations are arbitrary, so each transaction also
 * creates a uniquely named ephemeral marker under {@value #MARKERS}, by which a retry after a lost
 * reply recognises it; the marker is deleted once the outcome is known.
 *
 * <p>Every identity of the namespace writes markers under that one parent, whoever made it first,
 * so the parent's ACL lets anyone read, create and delete its children (see {@link #MARKERS_ACL})
 * whatever the coordinator's {@link dev.baton.AclMode}: with {@code WORLD_READ_CREATOR_WRITE} a
 * creator-only parent would refuse every other identity's guarded writes with NOAUTH. Markers are
 * empty, randomly named and live for one write; nobody may change the parent itself.
 */
public final class GuardedOps {
  /** Where guarded transactions leave their short-lived markers (namespace-relative). */
  static final String MARKERS = "/guarded-writes";

  /** The markers' parent's ACL: anyone may read, create and delete children, nothing else. */
  // Not List.of: ZooKeeper's create asks the list contains(null), which List.of's lists refuse.
  static final List<ACL> MARKERS_ACL =
      Collections.unmodifiableList(
          new ArrayList<>(
              List.of(
                  new ACL(
                      ZooDefs.Perms.READ | ZooDefs.Perms.CREATE | ZooDefs.Perms.DELETE,
                      ZooDefs.Ids.ANYONE_ID_UNSAFE))));

  // Clients known to have the markers' parent, so that it costs one create per client, not one
  // per transaction (and a first transaction's lost reply is not spent on a missing parent).
  private static final Set<CuratorFramework> PREPARED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private GuardedOps() {}

  /**
   * Commits {@code ops} behind {@code guard} in one {@code multi()}.
   *
   * @param client the coordinator's client
   * @param guard the lease or leadership
   * @param ops the operations
   * @return their results; if the reply was lost and the transaction found committed, each result
   *     carries its operation's type and path but no result path, and a {@code SET_DATA}'s Stat
   *     only if a synced read found the node as the transaction left it (else none)
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was written, unless
   *     the message says the outcome is unknown
   * @throws dev.baton.ConnectionLostException if the outcome cannot be known
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
    String marker = MARKERS + "/w-" + CommitProof.name(CommitProof.newMarker());
    String rawMarker = ZKPaths.fixForNamespace(client.getNamespace(), marker);
    List<CuratorOp> all = new ArrayList<>(ops);
    try {
      all.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(marker));
    } catch (Exception e) {
      throw ZkErrors.translate(subject, "prepare guarded write", e);
    }
    CommitProof.EphemeralMarker proof = CommitProof.ephemeralMarker(rawMarker);
    if (!PREPARED.contains(client)) {
      ensureMarkers(client, subject);
    }
    for (int attempt = 0; ; attempt++) {
      try {
        List<CuratorTransactionResult> results =
            GuardedTransactions.commitOnce(client, guard, all, subject, proof);
        deleteQuietly(client, rawMarker);
        return results == null
            ? recovered(client, ops, proof.committedZxid())
            : results.subList(0, ops.size());
      } catch (KeeperException e) {
        if (attempt == 0 && e.code() == KeeperException.Code.NONODE && markerFailed(e, all)) {
          ensureMarkers(client, subject); // the first guarded write of this namespace
          continue;
        }
        String path = e.getPath() != null ? e.getPath() : subject;
        throw ZkErrors.translate(path, "guarded write", e);
      }
    }
  }

  /**
   * The results of a transaction that committed in {@code zxid} but whose reply was lost: each
   * operation's type and path, and for a {@code SET_DATA} the node's Stat if a synced read finds it
   * as that transaction left it (its mzxid is the transaction's); a node changed again since, or a
   * read that fails, leaves the Stat out rather than guess.
   */
  private static List<CuratorTransactionResult> recovered(
      CuratorFramework client, List<CuratorOp> ops, long zxid) {
    List<CuratorTransactionResult> out = new ArrayList<>(ops.size());
    for (CuratorOp op : ops) {
      TypeAndPath tp = op.getTypeAndPath();
      Stat stat = null;
      if (tp.getType() == OperationType.SET_DATA && zxid > 0) {
        try {
          String raw = ZKPaths.fixForNamespace(client.getNamespace(), tp.getForPath());
          Stat now = SyncedRead.stat(client.getZookeeperClient().getZooKeeper(), raw);
          stat = now != null && now.getMzxid() == zxid ? now : null;
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
        }
      }
      out.add(new CuratorTransactionResult(tp.getType(), tp.getForPath(), null, stat));
    }
    return out;
  }

  /** Whether the op that failed is the marker's create (the guard's check comes first). */
  private static boolean markerFailed(KeeperException e, List<CuratorOp> all) {
    var results = e.getResults();
    if (results == null || results.isEmpty()) {
      return false;
    }
    var last = results.get(results.size() - 1);
    return last instanceof org.apache.zookeeper.OpResult.ErrorResult err
        && err.getErr() == KeeperException.Code.NONODE.intValue()
        && results.size() == all.size() + 1;
  }

  private static void ensureMarkers(CuratorFramework client, String subject) {
    try {
      client.create().creatingParentsIfNeeded().withACL(MARKERS_ACL).forPath(MARKERS);
    } catch (KeeperException.NodeExistsException e) {
      // Made by another writer: fine.
    } catch (Exception e) {
      throw ZkErrors.translate(subject, "create " + MARKERS, e);
    }
    PREPARED.add(client);
  }

  /** Fire and forget: an ephemeral marker left behind goes with the session. */
  private static void deleteQuietly(CuratorFramework client, String rawMarker) {
    try {
      ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
      zk.delete(rawMarker, -1, (rc, path, ctx) -> {}, null);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
