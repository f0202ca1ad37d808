package dev.baton;

/**
 * The state of a coordinator's ZooKeeper session, as its listeners hear it.
 *
 * <p>The usual life of a session: {@code CONNECTED} once, then any number of {@code SUSPENDED} →
 * {@code RECONNECTED} rounds (the connection dropped and came back; the session and its ephemeral
 * nodes survived), and possibly {@code LOST} → {@code RECONNECTED} (the session expired; a new
 * session was opened and every ephemeral node of the old one is gone).
 *
 * @since 0.1
 */
public enum ConnectionState {
  /** The first successful connection of this coordinator. */
  CONNECTED,
  /**
   * The connection dropped. The session may still be alive on the server; nothing is known until
   * the client reconnects or the session is declared lost. Fail-safe recipes stop acting as owners
   * of leases and leaderships here.
   */
  SUSPENDED,
  /** Connected again after {@link #SUSPENDED} or {@link #LOST}; the session id tells which. */
  RECONNECTED,
  /**
   * The session is gone (expired on the server, or given up by the client after the session
   * timeout). Ephemeral nodes of that session are deleted; a new session follows.
   */
  LOST,
  /** Connected to a server that can serve reads only (it lost its quorum). */
  READ_ONLY;

  /**
   * Whether the client can talk to a server in this state.
   *
   * @return {@code true} for {@link #CONNECTED}, {@link #RECONNECTED} and {@link #READ_ONLY}
   */
  public boolean isConnected() {
    return this == CONNECTED || this == RECONNECTED || this == READ_ONLY;
  }
}
