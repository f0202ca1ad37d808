package dev.baton;

/**
 * Hears every change of a coordinator's connection state.
 *
 * <p>Listeners of one coordinator are called one at a time, in the order the states happened, on
 * the executor given when the listener was added (by default Curator's connection-state thread):
 * keep them short. An exception thrown by a listener is logged and does not reach other listeners.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ConnectionListener {
  /**
   * Called after the connection state changed.
   *
   * @param event the new state and the session it concerns
   */
  void onConnectionEvent(ConnectionEvent event);
}
