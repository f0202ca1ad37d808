package dev.baton.bench;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * What a listener has seen, for a benchmark thread to wait on without spinning (a spinning waiter
 * would take one of the two cores the server and the clients need).
 *
 * <p>Thread-safe: listeners report from their own threads while one benchmark thread waits.
 */
final class Progress {
  private long seen = -1;
  private long changes;

  /** Records that the listener saw sequence number {@code seq}; lower numbers change nothing. */
  synchronized void saw(long seq) {
    if (seq > seen) {
      seen = seq;
      notifyAll();
    }
  }

  /** Wakes waiters to check their condition again. */
  synchronized void poke() {
    changes++;
    notifyAll();
  }

  /** {@return the highest sequence number seen, or -1} */
  synchronized long seen() {
    return seen;
  }

  /** Waits until the listener has seen {@code seq} or a later number. */
  void await(long seq, Duration timeout) throws InterruptedException, TimeoutException {
    awaitUntil(() -> seen >= seq, timeout, "sequence number " + seq);
  }

  /**
   * Waits until {@code condition} holds; it is checked under this object's lock, after every {@link
   * #saw} and {@link #poke}.
   */
  synchronized void awaitUntil(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("not seen within " + timeout + ": " + what);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** A check that may fail with a ZooKeeper or Curator exception. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Polls {@code check} every 100 microseconds until it holds, for states no listener reports (such
   * as how many contenders queue on a lock). Only for benchmark setup, never timed.
   */
  static void poll(Check check, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("not within " + timeout + ": " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
      if (Thread.interrupted()) {
        throw new InterruptedException("while waiting for " + what);
      }
    }
  }

  /** {@return how often {@link #poke} was called} */
  synchronized long changes() {
    return changes;
  }
}
