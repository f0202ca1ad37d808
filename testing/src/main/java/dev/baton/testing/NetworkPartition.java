package dev.baton.testing;

/**
 * A TCP relay between some clients and the ZooKeeper server that a test can cut, to isolate those
 * clients alone while the server and every other client carry on. To the server an isolated client
 * looks like a process that died or was partitioned away without closing its session, so the
 * session expires there after its timeout and its ephemeral nodes go. The relay cuts in one of two
 * ways:
 *
 * <ul>
 *   <li>{@link #isolate()} (refused): relayed connections are closed and every reconnection attempt
 *       is refused. The client sees its connection drop at once (SUSPENDED): a crashed switch port
 *       or a firewall that rejects.
 *   <li>{@link #silence()} (silent): bytes stop flowing both ways but no socket is closed, and new
 *       connections are accepted and black-holed. Nothing tells the client: it learns of the cut
 *       only when its own read timeout (two thirds of the session timeout) runs out, which is how a
 *       dropped link, a firewall that drops, or a frozen peer look. Every operation the client
 *       sends meanwhile hangs instead of failing fast.
 * </ul>
 *
 * <p>{@link #heal()} ends either cut. After a silent cut, bytes held back on connections still open
 * are delivered in order (as TCP retransmits after a partition), and the black-holed connections
 * are closed, so a client still waiting on one retries and gets through. The client then learns
 * that its session is gone (LOST, then a new session) if the cut outlasted the session timeout.
 *
 * <pre>{@code
 * NetworkPartition partition = zk.partition();
 * Coordinator isolated = Coordinator.builder().connectString(partition.connectString()).build();
 * ...
 * partition.silence(); // or isolate(): the session will expire on the server
 * ...
 * partition.heal();    // the client may connect again (and learns its session is gone)
 * }</pre>
 *
 * <p>Get one from {@link ZooKeeperExtension#partition()}, which closes it after the test. Relay
 * threads are daemons named {@code baton-test-partition-*}. Thread-safe.
 *
 * @since 0.1
 */
public final class NetworkPartition implements AutoCloseable {
  private final Relay relay;

  NetworkPartition(String targetHostPort) {
    this.relay =
        new Relay(
            "partition",
            Relay.address(targetHostPort),
            Relay.WhileHeld.BLACK_HOLE,
            () -> Relay.Pumps.BYTES);
  }

  /**
   * The connect string clients use to reach the server through this relay.
   *
   * @return a loopback {@code host:port}
   */
  public String connectString() {
    return relay.connectString();
  }

  /**
   * Cuts with refusal: closes every relayed connection and refuses new ones until {@link #heal()}.
   * Also ends a silent cut (its held bytes are discarded with their connections).
   */
  public void isolate() {
    relay.refuse();
  }

  /**
   * Cuts silently: stops forwarding bytes in both directions without closing any socket, and
   * accepts new connections but forwards nothing on them, until {@link #heal()}. Clients notice
   * only through their own timeouts. Called during a refused cut, it black-holes new connections
   * from then on instead of refusing them.
   *
   * @since 0.1
   */
  public void silence() {
    relay.hold();
  }

  /**
   * Ends a cut: new connections are relayed again; after {@link #silence()}, held bytes flow again
   * in order and black-holed connections are closed so that their clients retry.
   */
  public void heal() {
    relay.open();
  }

  /** {@return whether clients behind this relay are cut off, refused or silently} */
  public boolean isIsolated() {
    return !relay.isOpen();
  }

  /**
   * {@return whether the cut is silent ({@link #silence()})}
   *
   * @since 0.1
   */
  public boolean isSilent() {
    return relay.isHeld();
  }

  /** Cuts every connection for good and closes the relay's port. Idempotent. */
  @Override
  public void close() {
    relay.close();
  }
}
