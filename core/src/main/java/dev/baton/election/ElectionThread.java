package dev.baton.election;

import dev.baton.internal.BackgroundWork;
import dev.baton.internal.NamedThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread an election does its ZooKeeper work on, in order. A failed step is logged and the
 * election's recovery step is retried a second later (a reconnection also triggers one).
 */
final class ElectionThread {
  private static final Logger LOG = LoggerFactory.getLogger(ElectionThread.class);
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(10);

  interface Step {
    void run() throws Exception;
  }

  private final String name;
  private final BooleanSupplier running;
  private final ScheduledThreadPoolExecutor exec;
  private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
  private final AtomicBoolean later = new AtomicBoolean(); // a submitLater step is pending

  ElectionThread(String name, BooleanSupplier running) {
    this.name = name;
    this.running = running;
    this.exec =
        new ScheduledThreadPoolExecutor(1, NamedThreads.of("election-" + name)) {
          @Override
          protected void terminated() {
            ended.complete(null);
          }
        };
    // A pending retry must not keep the thread alive after close.
    exec.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    exec.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code step} soon, unless the election stopped running. */
  void submit(Step step, Step recovery) {
    if (!running.getAsBoolean()) {
      return;
    }
    try {
      exec.execute(() -> run(step, recovery));
    } catch (RejectedExecutionException closed) {
      // Closing: nothing more to do.
    }
  }

  /**
   * Runs {@code step} after {@code delay}, unless one such delayed step is pending already (so
   * repeated triggers do not pile up) or the election stopped running.
   */
  void submitLater(Step step, Duration delay, Step recovery) {
    if (!running.getAsBoolean() || !later.compareAndSet(false, true)) {
      return;
    }
    try {
      exec.schedule(
          () -> {
            later.set(false);
            run(step, recovery);
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      later.set(false);
    }
  }

  private void run(Step step, Step recovery) {
    try {
      step.run();
    } catch (Exception failure) {
      if (!running.getAsBoolean() || failure instanceof InterruptedException) {
        return;
      }
      LOG.warn("Election '{}' step failed; retrying in {}", name, RETRY, failure);
      try {
        exec.schedule(() -> run(recovery, recovery), RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        // Closing.
      }
    }
  }

  /**
   * Stops taking steps and drops pending retries, without waiting; a step already running gets a
   * moment to finish (see {@link BackgroundWork#shutdownGently}).
   */
  void shutdown(BackgroundWork work) {
    work.shutdownGently(exec, ended);
  }

  /** Waits a bounded time for {@code done}; null if it failed or took too long. */
  static <T> @Nullable T await(@Nullable Future<T> done) {
    if (done == null) {
      return null;
    }
    try {
      return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException ex) {
      LOG.warn("Election step did not finish in time", ex);
    }
    return null;
  }
}
