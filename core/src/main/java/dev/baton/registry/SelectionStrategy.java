package dev.baton.registry;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link InstanceSelector} chooses among a view's {@code UP} instances. An immutable value;
 * obtain one from the static factories and pass it to {@link ServiceView#selector}.
 *
 * <ul>
 *   <li>{@link #roundRobin()}: each instance in turn, evenly.
 *   <li>{@link #random()}: uniformly at random.
 *   <li>{@link #sticky()}: the same instance for as long as it is up and not excluded, then another
 *       one chosen by a fallback strategy.
 *   <li>{@link #consistentHash()}: by a key, on a hash ring with virtual nodes, so that a change of
 *       membership moves only about {@code 1/n} of the keys.
 * </ul>
 *
 * @since 0.1
 */
public final class SelectionStrategy {
  /** The virtual nodes per instance of {@link #consistentHash()}. */
  public static final int DEFAULT_VIRTUAL_NODES = 160;

  /** The most virtual nodes per instance {@link #consistentHash(int)} accepts. */
  public static final int MAX_VIRTUAL_NODES = 4096;

  enum Kind {
    ROUND_ROBIN,
    RANDOM,
    STICKY,
    CONSISTENT_HASH
  }

  private static final SelectionStrategy ROUND_ROBIN =
      new SelectionStrategy(Kind.ROUND_ROBIN, null, 0);
  private static final SelectionStrategy RANDOM = new SelectionStrategy(Kind.RANDOM, null, 0);

  private final Kind kind;
  private final @Nullable SelectionStrategy fallback;
  private final int virtualNodes;

  private SelectionStrategy(Kind kind, @Nullable SelectionStrategy fallback, int virtualNodes) {
    this.kind = kind;
    this.fallback = fallback;
    this.virtualNodes = virtualNodes;
  }

  /** {@return round robin: each instance in turn} */
  public static SelectionStrategy roundRobin() {
    return ROUND_ROBIN;
  }

  /** {@return uniformly random choice} */
  public static SelectionStrategy random() {
    return RANDOM;
  }

  /** {@return sticky, falling back to round robin when its instance goes} */
  public static SelectionStrategy sticky() {
    return sticky(ROUND_ROBIN);
  }

  /**
   * Sticky: keeps choosing one instance while it is {@code UP} and not excluded; when it goes,
   * {@code fallback} chooses the next one to stick to.
   *
   * @param fallback {@link #roundRobin()} or {@link #random()}
   * @return the strategy
   * @throws IllegalArgumentException if {@code fallback} is sticky or consistent hashing
   */
  public static SelectionStrategy sticky(SelectionStrategy fallback) {
    Objects.requireNonNull(fallback, "fallback");
    if (fallback.kind != Kind.ROUND_ROBIN && fallback.kind != Kind.RANDOM) {
      throw new IllegalArgumentException(
          "sticky fallback must be roundRobin() or random(), was " + fallback);
    }
    return new SelectionStrategy(Kind.STICKY, fallback, 0);
  }

  /** {@return consistent hashing with {@value #DEFAULT_VIRTUAL_NODES} virtual nodes each} */
  public static SelectionStrategy consistentHash() {
    return consistentHash(DEFAULT_VIRTUAL_NODES);
  }

  /**
   * Consistent hashing on a key. More virtual nodes spread keys more evenly and cost memory and a
   * slower ring rebuild when membership changes (never per selection).
   *
   * @param virtualNodes points on the ring per instance, 1..{@value #MAX_VIRTUAL_NODES}
   * @return the strategy
   * @throws IllegalArgumentException if {@code virtualNodes} is out of range
   */
  public static SelectionStrategy consistentHash(int virtualNodes) {
    if (virtualNodes < 1 || virtualNodes > MAX_VIRTUAL_NODES) {
      throw new IllegalArgumentException(
          "virtualNodes " + virtualNodes + " is outside 1.." + MAX_VIRTUAL_NODES);
    }
    return new SelectionStrategy(Kind.CONSISTENT_HASH, null, virtualNodes);
  }

  Kind kind() {
    return kind;
  }

  @Nullable SelectionStrategy fallback() {
    return fallback;
  }

  int virtualNodes() {
    return virtualNodes;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SelectionStrategy s
        && s.kind == kind
        && s.virtualNodes == virtualNodes
        && Objects.equals(s.fallback, fallback);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, fallback, virtualNodes);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ROUND_ROBIN -> "roundRobin";
      case RANDOM -> "random";
      case STICKY -> "sticky(" + fallback + ")";
      case CONSISTENT_HASH -> "consistentHash(" + virtualNodes + ")";
    };
  }
}
