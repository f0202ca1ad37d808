package dev.baton;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a coordinator's connection state.
 *
 * @param state the new state
 * @param sessionId the ZooKeeper session id at the time of the event, or {@code 0} when there is no
 *     session (while {@link ConnectionState#SUSPENDED} or {@link ConnectionState#LOST} it is the id
 *     of the session that was in use)
 * @param newSession {@code true} when this event starts a session different from the one before:
 *     the first {@link ConnectionState#CONNECTED}, or {@link ConnectionState#RECONNECTED} after a
 *     lost session
 * @param at when the coordinator heard of the change
 * @since 0.1
 */
public record ConnectionEvent(
    ConnectionState state, long sessionId, boolean newSession, Instant at) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code state} or {@code at} is null
   */
  public ConnectionEvent {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
  }

  /** {@return the session id in hexadecimal, as ZooKeeper's own logs print it} */
  public String sessionIdHex() {
    return "0x" + Long.toHexString(sessionId);
  }
}
