package dev.baton.registry;

import dev.baton.CoordinationException;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.GuardedTransactions;
import dev.baton.internal.ZkErrors;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper side of one registration: its ephemeral node. Not thread-safe: the registration
 * calls it under its write lock.
 */
final class InstanceNode {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceNode.class);
  private static final int ROUNDS = 5;

  /** What {@link #ensure} had to do. */
  enum Outcome {
    CREATED,
    REPLACED,
    PRESENT
  }

  private final ServiceRegistryImpl registry;
  private final CuratorFramework curator;
  private final String path;

  InstanceNode(ServiceRegistryImpl registry, String path) {
    this.registry = registry;
    this.curator = registry.curator();
    this.path = path;
  }

  /**
   * Makes the node exist with the payload of {@code desired}, owned by the current session, with
   * the fewest writes: none when all is in place, so a plain reconnect costs watchers nothing.
   */
  Outcome ensure(ServiceInstance desired) {
    byte[] data = InstanceCodec.encode(desired);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        long session = registry.currentSession();
        Stat stat = new Stat();
        byte[] existing;
        try {
          existing = curator.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException absent) {
          try {
            curator
                .create()
                .creatingParentContainersIfNeeded()
                .withMode(CreateMode.EPHEMERAL)
                .forPath(path, data);
            return Outcome.CREATED;
          } catch (KeeperException.NodeExistsException raced) {
            continue;
          }
        }
        long owner = stat.getEphemeralOwner();
        if (owner == session) {
          if (!Arrays.equals(existing, data)) {
            try {
              curator.setData().withVersion(stat.getVersion()).forPath(path, data);
            } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
              continue;
            }
          }
          return Outcome.PRESENT;
        }
        if (registry.isOwnPreviousSession(owner, session)) {
          if (replace(stat, data)) {
            LOG.info(
                "Replaced {} left by this client's expired session 0x{}",
                path,
                Long.toHexString(owner));
            return Outcome.REPLACED;
          }
          continue;
        }
        throw new InstanceConflictException(desired.name(), desired.id(), owner);
      }
    } catch (CoordinationException e) {
      throw e;
    } catch (Exception e) {
      throw ZkErrors.translate(path, "register", e);
    }
    throw new CoordinationException(
        path, "the node kept changing while registering; gave up after " + ROUNDS + " rounds");
  }

  /** Deletes the stale node (only the version seen) and creates ours, in one transaction. */
  private boolean replace(Stat stale, byte[] data) throws Exception {
    try {
      GuardedTransactions.commit(
          curator,
          null,
          List.of(
              curator.transactionOp().delete().withVersion(stale.getVersion()).forPath(path),
              curator.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(path, data)),
          path);
      return true;
    } catch (KeeperException e) {
      // Gone or changed meanwhile: look again.
      return false;
    }
  }

  /**
   * Deletes the node if this client owns it (in this or an earlier session), in the background: a
   * read of the owner, then a guaranteed delete of the version read. Nothing here waits for the
   * server, so deregistering returns promptly during a partition; the node goes with the session at
   * the latest.
   *
   * @return completes once the server answered both, or the work was handed to Curator's retries
   */
  CompletableFuture<Void> deleteInBackground() {
    BackgroundWork work = BackgroundWork.of(curator);
    return work.start(
            "read the owner of " + path, (c, cb) -> c.checkExists().inBackground(cb).forPath(path))
        .thenCompose(
            event -> {
              Stat stat = event == null ? null : event.getStat();
              if (stat == null) {
                if (event != null
                    && event.getResultCode() != KeeperException.Code.NONODE.intValue()) {
                  LOG.info(
                      "Could not deregister {} ({}); it disappears when the session ends",
                      path,
                      KeeperException.Code.get(event.getResultCode()));
                }
                return CompletableFuture.completedFuture(null);
              }
              long session = registry.coordinator().sessionId();
              long owner = stat.getEphemeralOwner();
              if (owner != session && !registry.isOwnPreviousSession(owner, session)) {
                LOG.debug("{} belongs to another client now; not deleting it", path);
                return CompletableFuture.completedFuture(null);
              }
              return work.delete(path, stat.getVersion(), "registration");
            });
  }
}
