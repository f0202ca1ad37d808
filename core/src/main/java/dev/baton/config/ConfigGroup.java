package dev.baton.config;

import dev.baton.Coordinator;
import dev.baton.Listenable;
import dev.baton.ListenerHandle;
import java.util.concurrent.Executor;

/**
 * The keys directly under a prefix ({@code <prefix>/<name>}), watched as one consistent snapshot.
 *
 * <pre>{@code
 * ConfigGroup etl = coord.configGroup("etl");
 * etl.addListener((previous, current, changed) ->
 *     pipeline.reconfigure(
 *         current.get("etl/batch-size", Codecs.ofInt()).orElseThrow().value(),
 *         current.get("etl/flush", Codecs.ofDuration()).orElseThrow().value()));
 * coord.configs().putAll(List.of(
 *     ConfigEntry.of("etl/batch-size", Codecs.ofInt(), 1000),
 *     ConfigEntry.of("etl/flush", Codecs.ofDuration(), Duration.ofSeconds(10))));
 * // the listener runs once, seeing both keys changed
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.ConfigExample} in the test
 * sources.
 *
 * <p>Every Baton write of a key {@code <prefix>/<name>} bumps the group's generation node ({@code
 * /config-generations/<prefix>}) in its own {@code multi()}. The group holds a persistent watch on
 * that node; on each bump it reads the generation, the keys and the generation again, and accepts
 * the snapshot only if the generation did not move in between (otherwise it reads again). So a
 * {@code putAll} reaches listeners as one event carrying every key it changed, never half old and
 * half new. Writes that bypass Baton (a {@code zkCli set}) do not bump the generation and are seen
 * only with the next Baton write or reconnect.
 *
 * <p>Resyncs after a dropped connection or an expired session like a {@link ConfigWatcher}.
 * Thread-safe.
 *
 * @since 0.1
 */
public interface ConfigGroup extends Listenable<ConfigGroupListener>, AutoCloseable {
  /**
   * Starts watching a group; the same as {@link Coordinator#configGroup(String)}. Returns once the
   * first snapshot is read (or, if not connected, at once with an empty snapshot).
   *
   * @param coordinator the coordinator
   * @param prefix the prefix, e.g. {@code etl} for the keys {@code etl/<name>}
   * @return the started group watcher, closed with the coordinator
   * @throws IllegalArgumentException if the prefix is invalid
   * @throws IllegalStateException if the coordinator is closed
   * @throws dev.baton.CoordinationException if the watch cannot be added for a reason other than a
   *     missing connection, or if interrupted (the interrupt flag is restored). Reads the session
   *     may not make (NOAUTH) leave the snapshot as it was and are logged as warnings.
   */
  static ConfigGroup watch(Coordinator coordinator, String prefix) {
    return new GroupImpl(ConfigRegistry.of(coordinator), Layout.checkPrefix(prefix)).start();
  }

  /** {@return the prefix} */
  String prefix();

  /** {@return the latest consistent snapshot; never blocks} */
  ConfigSnapshot snapshot();

  /**
   * Adds a listener running on the coordinator's config threads ({@code baton-config-<n>}, daemon
   * threads shared by the coordinator's config recipes), one call at a time.
   *
   * @param listener the listener; its first {@code previous} is the snapshot now
   * @return a handle that removes it
   * @throws IllegalStateException if the group is closed
   */
  @Override
  ListenerHandle addListener(ConfigGroupListener listener);

  /**
   * Adds a listener running on {@code executor}, one call at a time, in order.
   *
   * @param listener the listener; its first {@code previous} is the snapshot now
   * @param executor where it runs
   * @return a handle that removes it
   * @throws IllegalStateException if the group is closed
   */
  @Override
  ListenerHandle addListener(ConfigGroupListener listener, Executor executor);

  /**
   * Removes every registration of {@code listener}; it hears nothing more.
   *
   * @param listener the listener
   */
  @Override
  void removeListener(ConfigGroupListener listener);

  /** Stops watching and removes the watch from the server. Idempotent. */
  @Override
  void close();
}
