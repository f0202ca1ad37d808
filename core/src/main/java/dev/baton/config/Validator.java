package dev.baton.config;

import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a decoded config value is acceptable, and says why not.
 *
 * <pre>{@code
 * Validator<EtlConfig> positive =
 *     c -> c.batchSize() > 0 ? null : "batchSize must be positive, was " + c.batchSize();
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.ConfigExample} in the test
 * sources.
 *
 * <p>Validators run on ZooKeeper's event thread for every version a watcher reads, and before every
 * write through a {@link ConfigStore} of the same coordinator: keep them fast and free of side
 * effects. A validator that throws is treated as refusing, with the exception as the reason.
 *
 * @param <T> the value's type
 * @since 0.1
 */
@FunctionalInterface
public interface Validator<T> {
  /**
   * Checks a value.
   *
   * @param value the decoded value
   * @return {@code null} if the value is acceptable, otherwise a readable reason
   */
  @Nullable String check(T value);

  /**
   * A validator from a predicate and a fixed reason.
   *
   * @param test what an acceptable value satisfies
   * @param reason what to say when it does not
   * @param <T> the value's type
   * @return the validator
   */
  static <T> Validator<T> of(Predicate<? super T> test, String reason) {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(reason, "reason");
    return v -> test.test(v) ? null : reason;
  }
}
