package dev.baton.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial view of an executor: tasks run in the order given, one at a time, each on a thread of
 * the delegate; a task never starts before the previous one has returned. One worker on the
 * delegate drains the queue, so the delegate may be a pool, or direct ({@code Runnable::run}): a
 * task that gives this executor another task then returns first, and the worker runs the new one
 * next, without recursion.
 *
 * <p>A task's {@link RuntimeException} is logged, and the tasks after it still run. If the delegate
 * refuses the worker ({@link RejectedExecutionException}, e.g. after shutdown), {@link #execute}
 * throws and the task is not queued; a worker already running still runs what is queued. An
 * interrupt raised during one task does not reach the next: the worker clears it before each task
 * and restores it when it returns the thread.
 *
 * <p>Thread-safe. The same contract as Guava's {@code MoreExecutors.newSequentialExecutor}, which
 * core used before.
 */
public final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private enum State {
    IDLE, // no worker: the next task submits one
    SUBMITTED, // a worker was handed to the delegate and has not started
    RUNNING // a worker is draining the queue
  }

  private final Executor delegate;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>(); // guards itself, state and starts
  private State state = State.IDLE;
  private long starts; // how many workers have started, to tell a refused worker from a failed run
  private final Runnable worker = this::work;

  /**
   * A serial view of {@code delegate}.
   *
   * @param delegate runs the worker
   */
  public SerialExecutor(Executor delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Queues {@code task} behind every task given before.
   *
   * @param task the task
   * @throws RejectedExecutionException if the delegate refuses to run a worker; {@code task} is
   *     then not queued
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    long seen;
    synchronized (queue) {
      queue.add(task);
      if (state != State.IDLE) {
        return; // the worker takes it
      }
      state = State.SUBMITTED;
      seen = starts;
    }
    try {
      delegate.execute(worker);
    } catch (RuntimeException | Error e) {
      synchronized (queue) {
        if (state == State.SUBMITTED && starts == seen) {
          // The worker never started: take the task back, leave the rest for the next execute.
          state = State.IDLE;
          queue.removeLastOccurrence(task);
        }
      }
      throw e;
    }
  }

  private void work() {
    boolean interrupted = false;
    try {
      synchronized (queue) {
        state = State.RUNNING;
        starts++;
      }
      while (true) {
        Runnable next;
        synchronized (queue) {
          next = queue.poll();
          if (next == null) {
            state = State.IDLE;
            return;
          }
        }
        interrupted |= Thread.interrupted();
        try {
          next.run();
        } catch (RuntimeException e) {
          LOG.error("A serial task threw; the tasks after it still run", e);
        }
      }
    } catch (Error e) {
      synchronized (queue) {
        state = State.IDLE; // what is queued waits for the next execute
      }
      throw e;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "SerialExecutor[" + delegate + "]";
  }
}
