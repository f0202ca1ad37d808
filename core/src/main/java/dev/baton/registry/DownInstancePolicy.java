package dev.baton.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * When an {@link InstanceSelector} skips an instance that its callers reported failing: after
 * {@link #errorThreshold()} consecutive {@link InstanceSelector#reportError errors} (no {@link
 * InstanceSelector#reportSuccess success} between them), the instance is excluded for {@link
 * #exclusion()}, then tried again with a clean count. Purely client-side: other clients and the
 * registry are not told.
 *
 * <pre>{@code
 * DownInstancePolicy policy = DownInstancePolicy.custom()
 *     .errorThreshold(2)
 *     .exclusion(Duration.ofSeconds(10))
 *     .build();
 * InstanceSelector pick = view.selector(SelectionStrategy.random(), policy);
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.RegistryExample} in the test
 * sources.
 *
 * <p>An immutable value; thread-safe.
 *
 * @since 0.1
 */
public final class DownInstancePolicy {
  /** Default {@link #errorThreshold()}: 3 consecutive errors. */
  public static final int DEFAULT_ERROR_THRESHOLD = 3;

  /** Default {@link #exclusion()}: 30 seconds. */
  public static final Duration DEFAULT_EXCLUSION = Duration.ofSeconds(30);

  private static final DownInstancePolicy DEFAULTS =
      new DownInstancePolicy(DEFAULT_ERROR_THRESHOLD, DEFAULT_EXCLUSION, System::nanoTime);

  private final int errorThreshold;
  private final Duration exclusion;
  private final LongSupplier nanoClock;

  private DownInstancePolicy(int errorThreshold, Duration exclusion, LongSupplier nanoClock) {
    this.errorThreshold = errorThreshold;
    this.exclusion = exclusion;
    this.nanoClock = nanoClock;
  }

  /** {@return 3 errors, 30 seconds, on {@link System#nanoTime()}} */
  public static DownInstancePolicy ofDefaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder custom() {
    return new Builder(DEFAULTS);
  }

  /**
   * A builder starting from {@code base}.
   *
   * @param base the policy to copy
   * @return the builder
   */
  public static Builder from(DownInstancePolicy base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** {@return consecutive errors that exclude an instance} */
  public int errorThreshold() {
    return errorThreshold;
  }

  /** {@return how long an instance stays excluded} */
  public Duration exclusion() {
    return exclusion;
  }

  /** {@return the monotonic clock, in nanoseconds, that exclusions run on} */
  public LongSupplier nanoClock() {
    return nanoClock;
  }

  @Override
  public String toString() {
    return "DownInstancePolicy{errors=" + errorThreshold + ", exclusion=" + exclusion + "}";
  }

  /**
   * Builds a {@link DownInstancePolicy}; each setter checks its argument. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private int errorThreshold;
    private Duration exclusion;
    private LongSupplier nanoClock;

    private Builder(DownInstancePolicy base) {
      this.errorThreshold = base.errorThreshold;
      this.exclusion = base.exclusion;
      this.nanoClock = base.nanoClock;
    }

    /**
     * Consecutive errors that exclude an instance. Default {@value
     * DownInstancePolicy#DEFAULT_ERROR_THRESHOLD}.
     *
     * @param errors at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder errorThreshold(int errors) {
      if (errors < 1) {
        throw new IllegalArgumentException("errorThreshold must be at least 1, was " + errors);
      }
      this.errorThreshold = errors;
      return this;
    }

    /**
     * How long an instance stays excluded. Default 30 s.
     *
     * @param duration a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder exclusion(Duration duration) {
      Objects.requireNonNull(duration, "exclusion");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("exclusion must be positive, was " + duration);
      }
      this.exclusion = duration;
      return this;
    }

    /**
     * The monotonic clock exclusions run on, in nanoseconds. Default {@link System#nanoTime()};
     * tests inject their own.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder nanoClock(LongSupplier clock) {
      this.nanoClock = Objects.requireNonNull(clock, "nanoClock");
      return this;
    }

    /** {@return the policy} */
    public DownInstancePolicy build() {
      return new DownInstancePolicy(errorThreshold, exclusion, nanoClock);
    }
  }
}
