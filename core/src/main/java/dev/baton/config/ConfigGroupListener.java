package dev.baton.config;

import java.util.Set;

/**
 * Hears the changes of a {@link ConfigGroup}: one call per consistent change, such as one per
 * {@link ConfigStore#putAll} under the group's prefix, carrying every key it changed.
 *
 * <p>Calls to one listener never overlap and come in order. An exception it throws is logged and
 * reaches no other listener.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ConfigGroupListener {
  /**
   * Called after keys of the group changed.
   *
   * @param previous the snapshot this listener heard last
   * @param current the new snapshot
   * @param changedKeys the full keys whose value differs between the two (added, changed or
   *     removed), never empty
   */
  void onChange(ConfigSnapshot previous, ConfigSnapshot current, Set<String> changedKeys);
}
