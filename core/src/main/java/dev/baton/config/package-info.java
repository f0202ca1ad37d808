/**
 * Typed configuration that changes while pipelines run: {@link dev.baton.config.ConfigWatcher}
 * (live, validated, versioned values of one key), {@link dev.baton.config.ConfigStore} (writes:
 * put, compare-and-set, update, atomic multi-key puts, history and rollback) and {@link
 * dev.baton.config.ConfigGroup} (a set of keys seen as one consistent snapshot).
 *
 * <p>Reach them through a {@link dev.baton.Coordinator}: {@code coord.config(key, codec)}, {@code
 * coord.configs()}, {@code coord.configGroup(prefix)}. The node layout is described in {@code
 * docs/config.md}.
 */
@NullMarked
package dev.baton.config;

import org.jspecify.annotations.NullMarked;
