package dev.baton.flink;

import dev.baton.config.Versioned;
import java.util.Objects;
import org.apache.flink.api.common.state.BroadcastState;

/**
 * One changed key of a config group, as a {@link ConfigGroupSource} emits it: the full key, its new
 * value with version, or a deletion marker when the key went away.
 *
 * <pre>{@code
 * public void processBroadcastElement(ConfigChange<String> change, Context ctx, Collector<Out> out)
 *     throws Exception {
 *   change.applyTo(ctx.getBroadcastState(limits.stateDescriptor()));
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.flink.examples.ConfigGroupExample} in
 * the test sources.
 *
 * @param key the full key, {@code <prefix>/<name>}
 * @param versioned the new value with its version; for a deletion {@link Versioned#ofDefault} of
 *     {@code null}
 * @param generation the group's generation the change was read at (see {@link
 *     dev.baton.config.ConfigSnapshot#generation()}): the keys of one {@code putAll} share it
 * @param <T> the value's type
 * @since 0.1
 */
public record ConfigChange<T>(String key, Versioned<T> versioned, long generation) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if the key or the value is null
   */
  public ConfigChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(versioned, "versioned");
  }

  /** {@return whether the key was deleted (it has no stored value any more)} */
  public boolean isDeleted() {
    return !versioned.isStored();
  }

  /**
   * Puts the new value into a broadcast state keyed by full key, or removes the key on a deletion.
   *
   * @param state the state, e.g. from {@link ConfigGroupSource#stateDescriptor()}
   * @throws Exception if the state fails
   */
  public void applyTo(BroadcastState<String, Versioned<T>> state) throws Exception {
    if (isDeleted()) {
      state.remove(key);
    } else {
      state.put(key, versioned);
    }
  }
}
