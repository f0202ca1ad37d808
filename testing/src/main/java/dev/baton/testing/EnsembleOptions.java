package dev.baton.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an ensemble whose members reach each other through {@link QuorumLinks}: the timing
 * that decides how long a cut-off member keeps serving, and the read-only and local-session modes.
 * An immutable value; build it with {@link #builder()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ZooKeeperExtension zk = ZooKeeperExtension.ensemble(EnsembleOptions.builder()
 *     .tickTime(Duration.ofMillis(500))
 *     .syncLimit(10)
 *     .build());
 * }</pre>
 *
 * (From {@code QuorumLinksTest} in this module's tests.)
 *
 * @param members the number of members, at least 3
 * @param tickTime ZooKeeper's {@code tickTime}
 * @param syncLimit ZooKeeper's {@code syncLimit}, in ticks: how long a follower and the leader wait
 *     to hear from each other before giving up
 * @param readOnlyMode whether members that lose the quorum serve reads ({@code
 *     readonlymode.enabled}, a JVM-wide system property, restored when the ensemble stops)
 * @param localSessions ZooKeeper's {@code localSessionsEnabled} (and {@code
 *     localSessionsUpgradingEnabled}): sessions start local to one member
 * @since 0.1
 */
public record EnsembleOptions(
    int members, Duration tickTime, int syncLimit, boolean readOnlyMode, boolean localSessions) {
  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if {@code members} is below 3, {@code tickTime} is not
   *     positive or {@code syncLimit} is below 1
   * @throws NullPointerException if {@code tickTime} is null
   */
  public EnsembleOptions {
    Objects.requireNonNull(tickTime, "tickTime");
    if (members < 3) {
      throw new IllegalArgumentException(
          "an ensemble with quorum links needs at least 3 members, was " + members);
    }
    if (tickTime.isNegative() || tickTime.isZero()) {
      throw new IllegalArgumentException("tickTime must be positive, was " + tickTime);
    }
    if (syncLimit < 1) {
      throw new IllegalArgumentException("syncLimit must be at least 1, was " + syncLimit);
    }
  }

  /**
   * Starts from the defaults: 3 members, a 200 ms tick, {@code syncLimit} 5, no read-only mode, no
   * local sessions.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link EnsembleOptions}; every setter checks its argument at {@link #build()}.
   *
   * @since 0.1
   */
  public static final class Builder {
    private int members = 3;
    private Duration tickTime = Duration.ofMillis(200);
    private int syncLimit = 5;
    private boolean readOnlyMode;
    private boolean localSessions;

    private Builder() {}

    /**
     * The number of members. Default 3.
     *
     * @param members at least 3
     * @return this builder
     */
    public Builder members(int members) {
      this.members = members;
      return this;
    }

    /**
     * ZooKeeper's tick. Default 200 ms. Sessions may not be shorter than two ticks.
     *
     * @param tickTime positive
     * @return this builder
     */
    public Builder tickTime(Duration tickTime) {
      this.tickTime = tickTime;
      return this;
    }

    /**
     * ZooKeeper's {@code syncLimit}, in ticks. Default 5.
     *
     * @param syncLimit at least 1
     * @return this builder
     */
    public Builder syncLimit(int syncLimit) {
      this.syncLimit = syncLimit;
      return this;
    }

    /**
     * Whether members cut off from the quorum serve reads to clients that allow it. Default off.
     *
     * @param enabled whether read-only mode is on
     * @return this builder
     */
    public Builder readOnlyMode(boolean enabled) {
      this.readOnlyMode = enabled;
      return this;
    }

    /**
     * Whether sessions start local to one member. Default off.
     *
     * @param enabled whether local sessions are on
     * @return this builder
     */
    public Builder localSessions(boolean enabled) {
      this.localSessions = enabled;
      return this;
    }

    /**
     * The options.
     *
     * @return the options
     * @throws IllegalArgumentException if a setting is out of range (the message names it)
     */
    public EnsembleOptions build() {
      return new EnsembleOptions(members, tickTime, syncLimit, readOnlyMode, localSessions);
    }
  }
}
