package dev.baton.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a condition with a deadline, polling it: the way tests wait for asynchronous effects
 * instead of sleeping for a guessed time.
 *
 * <pre>{@code
 * Await.until(Duration.ofSeconds(10), () -> view.instances().size() == 3, "3 collectors visible");
 * }</pre>
 *
 * @since 0.1
 */
public final class Await {
  private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

  private Await() {}

  /**
   * Polls {@code condition} until it holds or {@code timeout} passes.
   *
   * @param timeout the deadline, from now
   * @param condition the condition
   * @param what the condition in words, for the failure message
   * @throws AssertionError if the condition does not hold in time
   * @throws IllegalStateException if interrupted (the interrupt flag is restored)
   */
  public static void until(Duration timeout, BooleanSupplier condition, String what) {
    Objects.requireNonNull(condition, "condition");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
      }
      pause();
    }
  }

  /**
   * Polls {@code supplier} until it returns a non-null value or {@code timeout} passes.
   *
   * @param timeout the deadline, from now
   * @param supplier the supplier
   * @param what the expected value in words, for the failure message
   * @param <T> the value's type
   * @return the first non-null value
   * @throws AssertionError if no value appears in time
   */
  public static <T> T value(Duration timeout, Supplier<@Nullable T> supplier, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = supplier.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
      }
      pause();
    }
  }

  private static void pause() {
    // Parking between polls of a condition, not synchronisation by time: the deadline decides.
    java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting");
    }
  }
}
