package dev.baton.internal;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper work that Baton's recipes leave running on one client after they return: guaranteed
 * deletes of their nodes, and recipe threads that may still be in the middle of a request. A
 * recipe's {@code close()} hands its delete here instead of waiting for it in Curator's retry loop
 * (which sat 40 s and more with the server unreachable), so close returns promptly.
 *
 * <p>The coordinator drains this work before it closes the client ({@link #drain}): it waits a
 * bounded time while the client is connected, stops what is left, and refuses new work from then
 * on. Curator logs at ERROR any operation started on a closed client ("Client is not started",
 * "Could not start guaranteed delete"), so nothing may start after that point. A node whose delete
 * did not finish goes with the session: at once when the client closes it, or when the server
 * expires it.
 *
 * <p>One instance per client, thread-safe.
 */
public final class BackgroundWork {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
  private static final Duration STOP_GRACE = Duration.ofMillis(200);

  /** How long {@link #shutdownGently} lets a running task finish before interrupting it. */
  public static final Duration STUCK_TASK = Duration.ofSeconds(1);

  // Weak: a closed client's entry must refuse work as long as anything can reach the client, and
  // go when nothing can.
  private static final Map<CuratorFramework, BackgroundWork> OF =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Work that ends on its own, and how to stop it early. */
  private record Tracked(CompletableFuture<?> done, Runnable stop) {}

  // Weak, or the map's value would keep its own key alive.
  private final WeakReference<CuratorFramework> clientRef;
  private final Map<Object, Tracked> pending = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private boolean closing; // guarded by lock: the coordinator is closing, nobody waits alone
  private boolean closed; // guarded by lock: the client is about to close, nothing may start

  private BackgroundWork(CuratorFramework client) {
    this.clientRef = new WeakReference<>(client);
  }

  /**
   * The background work of {@code client}.
   *
   * @param client the client
   * @return its one instance
   */
  public static BackgroundWork of(CuratorFramework client) {
    Objects.requireNonNull(client, "client");
    synchronized (OF) {
      return OF.computeIfAbsent(client, BackgroundWork::new);
    }
  }

  /** Starts one background operation with the callback given. */
  @FunctionalInterface
  public interface Starter {
    /**
     * Starts the operation.
     *
     * @param client the client, started
     * @param callback to pass to Curator's {@code inBackground}
     * @throws Exception as thrown by Curator
     */
    void start(CuratorFramework client, BackgroundCallback callback) throws Exception;
  }

  /**
   * Deletes {@code path} in the background; Curator retries after connection trouble until the node
   * is gone or the session ends. Refused (the node then goes with the session) once the client is
   * closing.
   *
   * @param path the node, relative to the client's namespace
   * @param what what the node is, for the log
   * @return completes when the server answered (or the node was already gone), or when the delete
   *     was handed to Curator's retries or refused; never exceptionally
   */
  public CompletableFuture<Void> delete(String path, String what) {
    return start(what, (c, cb) -> c.delete().guaranteed().inBackground(cb).forPath(path))
        .thenApply(event -> null);
  }

  /**
   * Like {@link #delete(String, String)}, only if the node is still at {@code version}.
   *
   * @param path the node
   * @param version the version it must have
   * @param what what the node is, for the log
   * @return as for {@link #delete(String, String)}
   */
  public CompletableFuture<Void> delete(String path, int version, String what) {
    return start(
            what,
            (c, cb) -> c.delete().guaranteed().withVersion(version).inBackground(cb).forPath(path))
        .thenApply(event -> null);
  }

  /**
   * Starts a background operation, tracked until its callback runs, unless the client is closing.
   *
   * @param what what it does, for the log
   * @param starter starts it with the callback given
   * @return the operation's event, or {@code null} if it was refused or failed to start; never
   *     completes exceptionally. Dependent stages run on ZooKeeper's event thread: keep them short.
   */
  public CompletableFuture<@Nullable CuratorEvent> start(String what, Starter starter) {
    CompletableFuture<@Nullable CuratorEvent> done = new CompletableFuture<>();
    Object key = new Object();
    BackgroundCallback callback =
        (c, event) -> {
          pending.remove(key);
          done.complete(event);
        };
    CuratorFramework client = clientRef.get();
    synchronized (lock) {
      if (closed || client == null || client.getState() != CuratorFrameworkState.STARTED) {
        LOG.debug("Not starting '{}': the client is closing, the session takes care of it", what);
        done.complete(null);
        return done;
      }
      pending.put(key, new Tracked(done, () -> done.complete(null)));
      try {
        // Under the lock, so that drain() cannot close the client between the check and the start.
        // Starting a background operation does not wait for the server.
        starter.start(client, callback);
      } catch (Exception e) {
        pending.remove(key);
        done.complete(null);
        LOG.warn("Could not start '{}'; the session takes care of it", what, e);
      }
    }
    return done;
  }

  /**
   * Tracks work that must end before the client closes, such as a recipe thread that may be in the
   * middle of a request.
   *
   * @param done completes when the work has ended
   * @param stop ends it early (e.g. interrupts the thread) when the drain's time is up
   */
  public void track(CompletableFuture<?> done, Runnable stop) {
    Object key = new Object();
    pending.put(key, new Tracked(done, stop));
    done.whenComplete((r, e) -> pending.remove(key));
  }

  /**
   * Shuts down a recipe's executor without cutting short a ZooKeeper request it is in the middle
   * of: interrupting one makes Curator log ERROR ("Ensure path threw exception") or start
   * background work of its own (a protected create's search-and-delete) that can outlive a client
   * closed right after. A task still running after {@link #STUCK_TASK} (or at once, while
   * disconnected) is stuck in Curator's retry policy and is interrupted, so the thread ends without
   * waiting for the server. The coordinator's {@link #drain} waits for the executor to end before
   * it closes the client.
   *
   * @param exec the executor, running tasks that check for themselves that the recipe closed
   * @param ended completes when the executor has terminated (from its {@code terminated()} hook)
   */
  public void shutdownGently(ExecutorService exec, CompletableFuture<?> ended) {
    exec.shutdown();
    CuratorFramework client = clientRef.get();
    if (client == null || !client.getZookeeperClient().isConnected()) {
      exec.shutdownNow();
    } else {
      // On the JDK's delay thread: stopping an executor takes no time.
      CompletableFuture.delayedExecutor(STUCK_TASK.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
          .execute(
              () -> {
                if (!ended.isDone()) {
                  exec.shutdownNow();
                }
              });
    }
    track(ended, exec::shutdownNow);
  }

  /**
   * Waits for {@code done} while that is worth it: the client is connected and its coordinator is
   * not closing (it then drains everything at once, under one bound).
   *
   * @param done the work, typically from {@link #delete}
   * @param bound the longest wait
   */
  public void awaitBriefly(CompletableFuture<?> done, Duration bound) {
    synchronized (lock) {
      if (closing) {
        return;
      }
    }
    CuratorFramework client = clientRef.get();
    if (client == null || !client.getZookeeperClient().isConnected()) {
      return;
    }
    try {
      done.get(bound.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Background work not confirmed within {}; it goes on", bound);
    }
  }

  /**
   * Marks the coordinator as closing: from now on recipes closing do not wait for their own work.
   *
   * @param client the coordinator's client
   */
  public static void beginClose(CuratorFramework client) {
    BackgroundWork work = of(client);
    synchronized (work.lock) {
      work.closing = true;
    }
  }

  /**
   * Waits for the client's background work, at most {@code bound} and only while the client is
   * connected, then stops what is left. With {@code refuseMore}, the client is about to close:
   * nothing may start from then on.
   *
   * @param client the client
   * @param bound the longest wait
   * @param refuseMore whether to refuse new work (the caller closes the client next)
   * @return how many pieces of work were stopped unfinished
   */
  public static int drain(CuratorFramework client, Duration bound, boolean refuseMore) {
    BackgroundWork work = of(client);
    long deadline = System.nanoTime() + bound.toNanos();
    List<Tracked> left = List.copyOf(work.pending.values());
    for (Tracked t : left) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || !client.getZookeeperClient().isConnected()) {
        break;
      }
      try {
        t.done().get(remaining, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        // Unfinished or failed: stopped below.
      }
    }
    List<Tracked> unfinished = new ArrayList<>();
    synchronized (work.lock) {
      if (refuseMore) {
        work.closed = true;
      } else {
        work.closing = false; // a wrapped client lives on: its next coordinator starts afresh
      }
      for (Tracked t : List.copyOf(work.pending.values())) {
        if (!t.done().isDone()) {
          unfinished.add(t);
          t.stop().run();
        }
      }
      work.pending.clear();
    }
    // Stopped threads end in a moment once interrupted: let them, before the client closes.
    long grace = System.nanoTime() + STOP_GRACE.toNanos();
    for (Tracked t : unfinished) {
      try {
        t.done().get(Math.max(0, grace - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        // Still going: it meets a closed client, which at worst costs a log line.
      }
    }
    int stopped = unfinished.size();
    if (stopped > 0) {
      LOG.info(
          "{} background operation(s) unfinished after {}; their nodes go with the session",
          stopped,
          bound);
    }
    return stopped;
  }
}
