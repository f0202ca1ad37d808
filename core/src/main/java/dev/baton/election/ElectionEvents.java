package dev.baton.election;

import dev.baton.internal.BackgroundWork;
import dev.baton.internal.Listeners;
import dev.baton.internal.NamedThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One election's notifications, delivered serially on their own thread. Callers queue a
 * notification while holding the election's monitor (so the queue order is the order of the
 * leadership changes) and the thread delivers it after the monitor is released: a slow or blocked
 * listener delays only later notifications of the same election, never a revocation, another
 * connection listener or {@code isValid()}. The thread exists only while there is something to
 * deliver, and ends once the queue is drained after {@link #shutdown()}.
 */
final class ElectionEvents {
  private final ThreadPoolExecutor exec;
  private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
  private final Listeners<ElectionListener> listeners;
  private volatile @Nullable Thread thread;

  ElectionEvents(String name, Listeners<ElectionListener> listeners) {
    this.listeners = listeners;
    this.exec =
        new ThreadPoolExecutor(
            1,
            1,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            NamedThreads.of("election-" + name + "-events")) {
          @Override
          protected void terminated() {
            ended.complete(null);
          }
        };
    exec.allowCoreThreadTimeOut(true);
  }

  Listeners<ElectionListener> listeners() {
    return listeners;
  }

  void leaderChanged(LeaderChange change) {
    execute(() -> listeners.forEach(x -> x.onLeaderChanged(change)));
  }

  void elected(LeadershipImpl l) {
    execute(() -> listeners.forEach(x -> x.onElected(l)));
  }

  /** Queues {@code onRevoked}; the future completes once every listener was handed the call. */
  CompletableFuture<@Nullable Void> revoked(LeadershipImpl l, Reason reason) {
    CompletableFuture<@Nullable Void> told = new CompletableFuture<>();
    boolean queued =
        execute(
            () -> {
              try {
                listeners.forEach(x -> x.onRevoked(l, reason));
              } finally {
                told.complete(null);
              }
            });
    if (!queued) {
      told.complete(null);
    }
    return told;
  }

  /** Runs {@code task} after every notification queued so far; false if shut down. */
  boolean execute(Runnable task) {
    try {
      exec.execute(
          () -> {
            thread = Thread.currentThread();
            try {
              task.run();
            } finally {
              thread = null;
            }
          });
      return true;
    } catch (RejectedExecutionException closed) {
      return false;
    }
  }

  /** Whether the caller is delivering a notification (so it must not wait for a later one). */
  boolean isCurrent() {
    return Thread.currentThread() == thread;
  }

  /**
   * Delivers what is queued, accepts nothing more, and lets the thread end. The coordinator waits
   * for that (bounded) before it closes the client: a queued task may still delete a node.
   */
  void shutdown(BackgroundWork work) {
    exec.shutdown();
    work.track(ended, exec::shutdownNow);
  }
}
