package dev.baton.flink;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lane over a shared, possibly multi-threaded executor: tasks run one at a time, in the order
 * given, on the executor's threads (one drain task at a time is handed to it). Each task completes
 * before the next starts, so a task sees everything the previous ones did. A task's exception is
 * logged and does not stop the lane.
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor executor;
  private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by tasks
  private boolean draining; // guarded by tasks

  SerialExecutor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (tasks) {
      tasks.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (tasks) {
        draining = false;
        tasks.clear();
      }
      throw e;
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("A serial task failed", e);
      }
    }
  }
}
