package dev.baton.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Who, within one session, uses the server-side watch of each path, so that the last user's removal
 * and a new user's add never interleave.
 *
 * <p>ZooKeeper keeps one watch per connection and path, however many watcher objects share it, and
 * removing it from the server ({@code removeAllWatches}) also unhooks every local watcher of the
 * path. A new user that added its watch after the last user decided to remove, but before that
 * removal reached the server, lost its watch with it and heard nothing more for the rest of the
 * session. So {@link #join} waits while a removal of the path is under way, and {@link #leave} runs
 * the last user's removal with joins of that path held back.
 *
 * <p>Used by the config key watch, the config group watch and the service view. Thread-safe.
 */
public final class WatchUsers {
  private static final class Users {
    int count;
    @Nullable CompletableFuture<Void> removing;
  }

  private final Map<String, Users> paths = new HashMap<>(); // guarded by itself

  /**
   * Counts one more user of {@code path}; first waits for a removal of its watch under way. Call it
   * before adding the watch.
   *
   * @param path the path, as the server knows it
   * @throws dev.baton.CoordinationException if interrupted while waiting
   */
  public void join(String path) {
    while (true) {
      CompletableFuture<Void> removal;
      synchronized (paths) {
        Users users = paths.computeIfAbsent(path, p -> new Users());
        if (users.removing == null) {
          users.count++;
          return;
        }
        removal = users.removing;
      }
      try {
        removal.get();
      } catch (InterruptedException e) {
        throw ZkErrors.translate(path, "wait for the removal of the previous watch", e);
      } catch (ExecutionException e) {
        // The removal runs in a finally: it completes normally; look again either way.
      }
    }
  }

  /**
   * Drops one user of {@code path}. The last one runs {@code removeAll} (the server's watch goes)
   * while joins of the path wait; the others run {@code removeOwn} (only their own watcher object).
   * A leave without a matching join runs nothing.
   *
   * @param path the path, as given to {@link #join}
   * @param removeAll removes the path's watch from the server; must not throw
   * @param removeOwn removes only this user's watcher; must not throw
   */
  public void leave(String path, Runnable removeAll, Runnable removeOwn) {
    CompletableFuture<Void> removal;
    synchronized (paths) {
      Users users = paths.get(path);
      if (users == null || users.count == 0 || users.removing != null) {
        return;
      }
      if (--users.count > 0) {
        removal = null;
      } else {
        removal = new CompletableFuture<>();
        users.removing = removal;
      }
    }
    if (removal == null) {
      removeOwn.run();
      return;
    }
    try {
      removeAll.run();
    } finally {
      synchronized (paths) {
        paths.remove(path);
      }
      removal.complete(null);
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
