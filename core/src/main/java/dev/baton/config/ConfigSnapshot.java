package dev.baton.config;

import dev.baton.codec.Codec;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys of a {@link ConfigGroup} as they all were at one moment: never some keys before a {@code
 * putAll} and others after it.
 *
 * <p>Immutable and thread-safe. Values are decoded on each {@link #get} call, with the codec the
 * caller names, so one group can hold keys of different types.
 *
 * @since 0.1
 */
public final class ConfigSnapshot {
  private final String prefix;
  private final long generation;
  private final Map<String, Node> nodes; // sorted by key

  ConfigSnapshot(String prefix, long generation, Map<String, Node> nodes) {
    this.prefix = prefix;
    this.generation = generation;
    this.nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
  }

  static ConfigSnapshot empty(String prefix) {
    return new ConfigSnapshot(prefix, -1, Map.of());
  }

  /** {@return the group's prefix} */
  public String prefix() {
    return prefix;
  }

  /**
   * The group's generation: how many writes through Baton touched its keys (the version of its
   * generation node), or -1 if none ever did.
   *
   * @return the generation
   */
  public long generation() {
    return generation;
  }

  /** {@return the full keys ({@code <prefix>/<name>}) that have a value, sorted} */
  public Set<String> keys() {
    return nodes.keySet();
  }

  /**
   * The value of one key of the group.
   *
   * @param key the full key, e.g. {@code etl/batch-size}
   * @param codec how to decode it
   * @param <T> the value's type
   * @return the value, or empty if the key has no value in this snapshot
   * @throws dev.baton.codec.DecodeException if the bytes do not decode
   */
  public <T> Optional<Versioned<T>> get(String key, Codec<T> codec) {
    Objects.requireNonNull(codec, "codec");
    Node n = nodes.get(Objects.requireNonNull(key, "key"));
    if (n == null || n.data() == null) {
      return Optional.empty();
    }
    return Optional.of(
        Versioned.stored(codec.decode(key, n.version(), n.data()), n.version(), n.mzxid()));
  }

  /**
   * The version of one key in this snapshot.
   *
   * @param key the full key
   * @return its ZooKeeper version, or {@link Versioned#NO_VERSION} if it has no value
   */
  public int version(String key) {
    Node n = nodes.get(key);
    return n == null ? Versioned.NO_VERSION : n.version();
  }

  /** The keys whose value differs between {@code before} and this snapshot. */
  Set<String> changedSince(ConfigSnapshot before) {
    Set<String> changed = new HashSet<>();
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      Node old = before.nodes.get(e.getKey());
      if (old == null || old.mzxid() != e.getValue().mzxid()) {
        changed.add(e.getKey());
      }
    }
    for (String k : before.nodes.keySet()) {
      if (!nodes.containsKey(k)) {
        changed.add(k);
      }
    }
    return changed;
  }

  @Override
  public String toString() {
    return "ConfigSnapshot{" + prefix + " generation " + generation + ", keys " + keys() + "}";
  }
}
