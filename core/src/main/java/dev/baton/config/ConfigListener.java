package dev.baton.config;

/**
 * Hears the changes of one {@link ConfigWatcher}.
 *
 * <p>Calls to one listener never overlap and come in version order: a listener never hears an older
 * version after a newer one, and always ends on the latest value the watcher accepted. Intermediate
 * versions may be skipped when updates come faster than the listener returns. Each listener has its
 * own queue: a slow or throwing listener delays or harms no other listener, and an exception it
 * throws is logged and changes nothing else.
 *
 * @param <T> the value's type
 * @since 0.1
 */
@FunctionalInterface
public interface ConfigListener<T> {
  /**
   * Called after the watcher's value changed.
   *
   * @param previous the value this listener heard last (at subscription, the watcher's value then)
   * @param current the new value
   */
  void onChange(Versioned<T> previous, Versioned<T> current);

  /**
   * Called when a stored version was refused; the watcher keeps its last good value. Does nothing
   * unless overridden.
   *
   * @param rejection the refused version and why
   */
  default void onRejected(ConfigRejection rejection) {}
}
