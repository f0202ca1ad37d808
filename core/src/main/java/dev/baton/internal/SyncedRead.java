package dev.baton.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * A {@code sync} and a read pipelined on one session, which answers them in order: about one round
 * trip, and the read sees everything the leader committed before the sync.
 */
final class SyncedRead {
  private static final long TIMEOUT_SECONDS = 60;

  /** A node's data and Stat. */
  record Data(byte[] data, Stat stat) {}

  private SyncedRead() {}

  /** The node's Stat, or null if it does not exist. */
  static @Nullable Stat stat(ZooKeeper zk, String rawPath)
      throws KeeperException, InterruptedException {
    CompletableFuture<@Nullable Stat> read = new CompletableFuture<>();
    zk.sync(rawPath, (rc, p, c) -> {}, null);
    zk.exists(rawPath, false, (rc, p, c, stat) -> complete(read, rc, p, stat), null);
    return await(read, rawPath);
  }

  /** The node's data and Stat, or null if it does not exist. */
  static @Nullable Data data(ZooKeeper zk, String rawPath)
      throws KeeperException, InterruptedException {
    CompletableFuture<@Nullable Data> read = new CompletableFuture<>();
    zk.sync(rawPath, (rc, p, c) -> {}, null);
    zk.getData(
        rawPath,
        false,
        (rc, p, c, data, stat) ->
            complete(
                read,
                rc,
                p,
                stat == null ? null : new Data(data == null ? new byte[0] : data, stat)),
        null);
    return await(read, rawPath);
  }

  private static <T> void complete(
      CompletableFuture<@Nullable T> read, int rc, String path, @Nullable T value) {
    if (rc == KeeperException.Code.OK.intValue()) {
      read.complete(value);
    } else if (rc == KeeperException.Code.NONODE.intValue()) {
      read.complete(null);
    } else {
      read.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc), path));
    }
  }

  private static <T> @Nullable T await(CompletableFuture<@Nullable T> read, String path)
      throws KeeperException, InterruptedException {
    try {
      return read.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KeeperException ke) {
        throw ke;
      }
      throw new IllegalStateException("read of " + path + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw KeeperException.create(KeeperException.Code.OPERATIONTIMEOUT, path);
    }
  }
}
