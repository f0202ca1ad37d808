package dev.baton;

import dev.baton.internal.Listeners;
import dev.baton.internal.Names;
import dev.baton.internal.Parts;
import dev.baton.internal.ZkErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection half of a {@link Coordinator}: Curator's states mapped to Baton's, the session id
 * they belong to (so a reconnection can tell a surviving session from a new one), and the
 * coordinator's connection listeners. Package-private: its public methods are the coordinator's.
 */
abstract class ConnectionTracker {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionTracker.class);

  private final CuratorFramework curator;
  private final Parts parts;
  private final Listeners<ConnectionListener> listeners;
  private final ConnectionStateListener curatorListener = (client, s) -> onCuratorState(s);
  private final AtomicLong sessionId = new AtomicLong();
  private volatile boolean open = true;
  // Null until Curator's first state event; state() then answers from the client.
  private volatile @Nullable ConnectionState state;

  ConnectionTracker(CuratorFramework curator, Parts parts, String owner) {
    this.curator = curator;
    this.parts = parts;
    this.listeners = new Listeners<>("coordinator " + owner);
    curator.getConnectionStateListenable().addListener(curatorListener);
    // A wrapped client is usually connected already, and even a new one may have connected before
    // the listener was added: its CONNECTED event then never reaches us. Seed the session id
    // after adding the listener, so that either the event or this read records it; otherwise a
    // later SUSPENDED would carry session 0 and the first plain reconnect would look like a new
    // session (recipes would then treat a surviving session's nodes as gone).
    if (curator.getZookeeperClient().isConnected()) {
      sessionId.compareAndSet(0, readSessionId());
    }
  }

  private ConnectionState state() {
    ConnectionState s = state;
    if (s != null) {
      return s;
    }
    return curator.getZookeeperClient().isConnected()
        ? ConnectionState.CONNECTED
        : ConnectionState.SUSPENDED;
  }

  private long currentSessionId() {
    // Read live: the CONNECTED event reaches listeners after awaitConnected() may have returned.
    long live = curator.getZookeeperClient().isConnected() ? readSessionId() : 0;
    return live != 0 ? live : sessionId.get();
  }

  /**
   * The most recent connection state. Before the first connection it is {@link
   * ConnectionState#SUSPENDED} (not connected, nothing known yet), and {@link
   * ConnectionState#CONNECTED} as soon as the client is connected, even if listeners have not yet
   * heard of it.
   *
   * @return the state
   */
  public final ConnectionState connectionState() {
    return state();
  }

  /**
   * The id of the current (or most recent) ZooKeeper session.
   *
   * @return the session id, or {@code 0} if never connected
   */
  public final long sessionId() {
    return currentSessionId();
  }

  /**
   * The session timeout the server granted, which may differ from the one asked for.
   *
   * @return the negotiated timeout, or {@link Duration#ZERO} if never connected
   */
  public final Duration negotiatedSessionTimeout() {
    try {
      return Duration.ofMillis(curator.getZookeeperClient().getZooKeeper().getSessionTimeout());
    } catch (Exception e) {
      throw ZkErrors.translate(null, "read session timeout", e);
    }
  }

  /**
   * Waits until the client is connected to a server.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if connected, {@code false} if the time ran out
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalStateException if the coordinator is closed
   */
  public final boolean awaitConnected(Duration timeout) throws InterruptedException {
    long nanos = Names.timeoutNanos("timeout", timeout);
    parts.checkOpen();
    return curator.blockUntilConnected(
        (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Adds a listener for connection state changes, called on Curator's connection-state thread
   * ({@code baton-curator-<n>}), one event at a time, in order.
   *
   * @param listener the listener
   * @return a handle that removes the listener
   */
  public final ListenerHandle addConnectionListener(ConnectionListener listener) {
    return listeners.add(listener);
  }

  /**
   * Adds a listener for connection state changes, called on {@code executor}, one event at a time,
   * in order.
   *
   * @param listener the listener
   * @param executor where the listener runs
   * @return a handle that removes the listener
   */
  public final ListenerHandle addConnectionListener(
      ConnectionListener listener, Executor executor) {
    return listeners.add(listener, executor);
  }

  /**
   * Removes a connection listener added earlier. Does nothing if it is not registered.
   *
   * @param listener the listener
   */
  public final void removeConnectionListener(ConnectionListener listener) {
    listeners.remove(listener);
  }

  /** The last session id heard, without asking the client. */
  final long lastSessionId() {
    return sessionId.get();
  }

  final void closeConnectionTracking() {
    open = false;
    curator.getConnectionStateListenable().removeListener(curatorListener);
    listeners.clear();
  }

  private void onCuratorState(org.apache.curator.framework.state.ConnectionState s) {
    if (!open) {
      return;
    }
    ConnectionState mapped =
        switch (s) {
          case CONNECTED -> ConnectionState.CONNECTED;
          case SUSPENDED -> ConnectionState.SUSPENDED;
          case RECONNECTED -> ConnectionState.RECONNECTED;
          case LOST -> ConnectionState.LOST;
          case READ_ONLY -> ConnectionState.READ_ONLY;
        };
    long previous = sessionId.get();
    long current = previous;
    boolean newSession = false;
    if (current == 0 && !mapped.isConnected()) {
      // Never saw this session connect: the client still knows which session it has lost touch
      // with.
      current = readSessionId();
      sessionId.compareAndSet(0, current);
    }
    if (mapped.isConnected()) {
      current = readSessionId();
      newSession = current != previous;
      sessionId.set(current);
    }
    state = mapped;
    if (mapped == ConnectionState.LOST || mapped == ConnectionState.SUSPENDED) {
      LOG.warn("ZooKeeper session 0x{} {}", Long.toHexString(current), mapped);
    } else {
      LOG.info("ZooKeeper session 0x{} {}", Long.toHexString(current), mapped);
    }
    ConnectionEvent event = new ConnectionEvent(mapped, current, newSession, Instant.now());
    listeners.forEach(l -> l.onConnectionEvent(event));
  }

  private long readSessionId() {
    try {
      return curator.getZookeeperClient().getZooKeeper().getSessionId();
    } catch (Exception e) {
      LOG.debug("Session id not readable yet", e);
      return 0;
    }
  }
}
