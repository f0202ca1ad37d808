package dev.baton;

import java.util.concurrent.Executor;

/**
 * The one listener door of every Baton recipe object: {@code addListener(listener)}, {@code
 * addListener(listener, executor)} and {@code removeListener(listener)}. Implemented by {@link
 * dev.baton.config.ConfigWatcher}, {@link dev.baton.config.ConfigGroup}, {@link
 * dev.baton.registry.ServiceView}, {@link dev.baton.registry.Registration}, {@link
 * dev.baton.lock.LockLease} and {@link dev.baton.election.LeaderElection}.
 *
 * <pre>{@code
 * ListenerHandle handle = watcher.addListener((previous, current) -> resize(current.value()));
 * ...
 * handle.close(); // or watcher.removeListener(listener)
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.ConfigExample} in the test
 * sources.
 *
 * <p>Semantics shared by every implementation:
 *
 * <ul>
 *   <li>Each listener runs inside its own try/catch: an exception it throws is logged and reaches
 *       neither the other listeners nor the recipe.
 *   <li>Calls to one listener never overlap and come in the order the events happened, on the
 *       recipe's default delivery thread (each recipe names it) or on the executor given, even if
 *       that executor is a pool.
 *   <li>A listener registered twice is called twice; {@link #removeListener} removes every
 *       registration of it, {@link ListenerHandle#close()} only the one it was returned for.
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @param <L> the listener type
 * @since 0.1
 */
public interface Listenable<L> {
  /**
   * Adds a listener called on the recipe's default delivery thread.
   *
   * @param listener the listener
   * @return a handle that removes this registration
   * @throws NullPointerException if {@code listener} is null
   */
  ListenerHandle addListener(L listener);

  /**
   * Adds a listener called on {@code executor}, one call at a time, in order.
   *
   * @param listener the listener
   * @param executor where it runs
   * @return a handle that removes this registration
   * @throws NullPointerException if an argument is null
   */
  ListenerHandle addListener(L listener, Executor executor);

  /**
   * Removes every registration of {@code listener}; does nothing if it is not registered.
   *
   * @param listener the listener
   * @throws NullPointerException if {@code listener} is null
   */
  void removeListener(L listener);
}
