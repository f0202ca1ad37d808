package dev.baton.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who, within one session, uses the server-side watch of each path, so that the last user's removal
 * and a new user's add never interleave.
 *
 * <p>ZooKeeper keeps one watch per connection and path, however many watcher objects share it, and
 * removing it from the server ({@code removeAllWatches}) also unhooks every local watcher of the
 * path. A new user that added its watch after the last user decided to remove, but before that
 * removal reached the server, lost its watch with it and heard nothing more for the rest of the
 * session. So {@link #leave} runs the last user's removal and {@link #join} hands a new user that
 * removal's completion, after which the new user adds its watch again; nobody waits for the network
 * (a removal queued on a connection that is down completes only when the client gives the
 * connection up or reconnects).
 *
 * <p>Used by the config key watch, the config group watch and the service view. Thread-safe.
 */
public final class WatchUsers {
  private static final Logger LOG = LoggerFactory.getLogger(WatchUsers.class);

  private static final class Users {
    int count;
    @Nullable CompletableFuture<Void> removing;
  }

  /** How long the last user's leave waits for the server to confirm the removal. */
  private static final Duration LEAVE_WAIT = Duration.ofSeconds(1);

  private final CuratorFramework client;
  private final Map<String, Users> paths = new HashMap<>(); // guarded by itself

  /**
   * The users of the watches of one client's session.
   *
   * @param client the client
   */
  public WatchUsers(CuratorFramework client) {
    this.client = client;
  }

  /**
   * Counts one more user of {@code path}, at once: never waits for the network. If the last user's
   * removal of the path's watch is still under way (queued on a connection that is down, say), the
   * returned future completes when it has run; that removal also unhooks the new user's watcher in
   * this client, so the caller must add its watch again then ({@code thenRun}). Call it before
   * adding the watch.
   *
   * @param path the path, as the server knows it
   * @return completed if no removal is under way; else completes (normally, on whatever thread
   *     finishes the removal, e.g. ZooKeeper's event thread: do not block there) once it ran
   */
  public CompletableFuture<Void> join(String path) {
    synchronized (paths) {
      Users users = paths.computeIfAbsent(path, p -> new Users());
      users.count++;
      return users.removing == null ? CompletableFuture.completedFuture(null) : users.removing;
    }
  }

  /**
   * Drops one user of {@code path}. The last one runs {@code removeAll} (the server's watch goes),
   * whose completion joins of the path are handed; the others run {@code removeOwn} (only their own
   * watcher object). A leave without a matching join runs nothing.
   *
   * <p>Bounded: the last user waits for the server to confirm the removal at most one second, and
   * not at all while disconnected or while the coordinator closes (which then waits for it with the
   * rest of the client's background work).
   *
   * @param path the path, as given to {@link #join}
   * @param removeAll starts removing the path's watch from the server (see {@link #removeAll}) and
   *     returns its completion, which joins of the path are handed
   * @param removeOwn removes only this user's watcher (see {@link #removeOwn})
   */
  public void leave(String path, Supplier<CompletableFuture<?>> removeAll, Runnable removeOwn) {
    leave(path, () -> {}, removeAll, removeOwn);
  }

  /**
   * As {@link #leave(String, Supplier, Runnable)}, and the last user also runs {@code lastUnhook}
   * inside the same critical section that makes it the last: a caller that shares one watch object
   * among users (the config key watch) drops it from its own map there, so a user joining right
   * after can never pick up the object being removed (it would stay deaf once the removal ran).
   * {@code lastUnhook} must be quick and must not call back into this object.
   *
   * @param path the path, as given to {@link #join}
   * @param lastUnhook run under this object's lock if this user is the last
   * @param removeAll as in {@link #leave(String, Supplier, Runnable)}
   * @param removeOwn as in {@link #leave(String, Supplier, Runnable)}
   */
  public void leave(
      String path,
      Runnable lastUnhook,
      Supplier<CompletableFuture<?>> removeAll,
      Runnable removeOwn) {
    CompletableFuture<Void> removal;
    synchronized (paths) {
      Users users = paths.get(path);
      if (users == null || users.count == 0) {
        return;
      }
      // A user that joined while the last one's removal was under way only unhooks its own.
      if (--users.count > 0 || users.removing != null) {
        removal = null;
      } else {
        removal = new CompletableFuture<>();
        users.removing = removal;
        lastUnhook.run();
      }
    }
    if (removal == null) {
      removeOwn.run();
      return;
    }
    CompletableFuture<?> removed;
    try {
      removed = removeAll.get();
    } catch (RuntimeException e) {
      LOG.warn("Removing the watch on {} failed", path, e);
      removed = CompletableFuture.completedFuture(null);
    }
    removed.whenComplete(
        (r, e) -> {
          synchronized (paths) {
            Users users = paths.get(path);
            if (users != null && users.removing == removal) {
              users.removing = null;
              if (users.count == 0) {
                paths.remove(path);
              }
            }
          }
          removal.complete(null); // users that joined meanwhile add their watch again now
        });
    BackgroundWork work = BackgroundWork.of(client);
    work.track(removal, () -> {});
    work.awaitBriefly(removal, LEAVE_WAIT);
  }

  /**
   * Removes every watch of {@code type} this session holds on {@code path}, on the server and in
   * the client, without waiting for the server: a close must not hang on a partition. While the
   * connection is down the client drops its watchers at once ({@code local}), and the server
   * forgets the watch with the connection. Removing one watcher object instead ({@code
   * removeWatches}) only checks the server's side, which keeps the watch until the connection
   * closes.
   *
   * @param zk the session's handle, or null if it never had one (nothing to remove)
   * @param path the path, as the server knows it
   * @param type the watch type
   * @return completes when the server answered or the connection was found down; never
   *     exceptionally
   */
  public static CompletableFuture<Void> removeAll(
      @Nullable ZooKeeper zk, String path, WatcherType type) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (zk == null) {
      done.complete(null);
      return done;
    }
    try {
      zk.removeAllWatches(
          path,
          type,
          true,
          (rc, p, ctx) -> {
            if (rc != KeeperException.Code.OK.intValue()
                && rc != KeeperException.Code.NOWATCHER.intValue()) {
              LOG.debug("Removing the watch on {}: {}", path, KeeperException.Code.get(rc));
            }
            done.complete(null);
          },
          null);
    } catch (RuntimeException e) {
      LOG.debug("Could not remove the watch on {}", path, e);
      done.complete(null);
    }
    return done;
  }

  /**
   * Unhooks one watcher object in this client, without waiting: the server's watch stays, for the
   * path's other users.
   *
   * @param zk the session's handle, or null if it never had one
   * @param path the path, as the server knows it
   * @param watcher the watcher object
   * @param type the watch type
   */
  public static void removeOwn(
      @Nullable ZooKeeper zk, String path, Watcher watcher, WatcherType type) {
    if (zk == null) {
      return;
    }
    try {
      zk.removeWatches(
          path,
          watcher,
          type,
          true,
          (rc, p, ctx) -> {
            if (rc != KeeperException.Code.OK.intValue()
                && rc != KeeperException.Code.NOWATCHER.intValue()) {
              LOG.debug("Unhooking a watcher of {}: {}", path, KeeperException.Code.get(rc));
            }
          },
          null);
    } catch (RuntimeException e) {
      LOG.debug("Could not unhook a watcher of {}", path, e);
    }
  }

  /**
   * {@return how many users {@code path} has}
   *
   * @param path the path
   */
  public int users(String path) {
    synchronized (paths) {
      Users users = paths.get(path);
      return users == null ? 0 : users.count;
    }
  }
}
