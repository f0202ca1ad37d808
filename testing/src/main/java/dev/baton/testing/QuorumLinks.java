package dev.baton.testing;

import java.time.Duration;

/**
 * The links between the members of an ensemble started with {@link
 * ZooKeeperExtension#ensemble(EnsembleOptions)}, and the fault they can produce: one member cut off
 * from the others <em>silently</em>. Its quorum and election links stop forwarding without closing
 * a socket, as when a network drops packets or a switch fails, so nobody is told: each side finds
 * out only when its own timeout runs out ({@code syncLimit × tickTime} for a follower and the
 * leader). Clients still reach every member directly, so a client connected only to the cut member
 * keeps being served from that member's local state until it gives up, and with read-only mode on
 * it is served reads afterwards.
 *
 * <pre>{@code
 * QuorumLinks links = zk.quorumLinks();
 * int leader = links.awaitLeader(Duration.ofSeconds(30));
 * int follower = (leader + 1) % zk.size();
 * CuratorFramework client = ... // connected to links.connectString(follower) only
 * links.isolate(follower);      // the follower goes on answering reads for a while
 * ...
 * links.heal();                 // it rejoins the quorum
 * }</pre>
 *
 * (From {@code QuorumLinksTest} in this module's tests.) Members are 0-based. The relays' threads
 * are daemons named {@code baton-test-link-*}; they end when the ensemble stops. Thread-safe.
 *
 * @since 0.1
 */
public final class QuorumLinks {
  private final RelayedEnsemble ensemble;

  QuorumLinks(RelayedEnsemble ensemble) {
    this.ensemble = ensemble;
  }

  /**
   * Cuts every quorum and election link to and from {@code member} silently: no socket is closed,
   * nothing is forwarded. Links already cut stay cut.
   *
   * @param member the member, 0-based
   * @throws IllegalArgumentException if there is no such member
   */
  public void isolate(int member) {
    ensemble.isolate(member);
  }

  /** Lets every link forward again; bytes held during the cut are delivered first, in order. */
  public void heal() {
    ensemble.heal();
  }

  /**
   * The address of one member alone, for a client that must talk to that member only.
   *
   * @param member the member, 0-based
   * @return its {@code host:port}
   * @throws IllegalArgumentException if there is no such member
   */
  public String connectString(int member) {
    return ensemble.connectString(member);
  }

  /**
   * What a member says of itself (ZooKeeper's {@code srvr} command).
   *
   * @param member the member, 0-based
   * @return {@code leader}, {@code follower}, {@code read-only}, or {@code unavailable} when it
   *     serves no clients
   * @throws IllegalArgumentException if there is no such member
   */
  public String mode(int member) {
    return ensemble.mode(member);
  }

  /**
   * Waits until one member leads and a majority of the members (the leader included) follow it.
   *
   * @param timeout how long to wait
   * @return the leader, 0-based
   * @throws AssertionError if no leader is established in time
   */
  public int awaitLeader(Duration timeout) {
    return Await.value(timeout, this::leader, "a leader among " + ensemble.size() + " members");
  }

  /**
   * Waits until one member leads and every other member follows it. {@link #awaitLeader} is
   * satisfied by a bare majority, and while the ensemble forms (or after a member rejoins) one
   * follower may still be syncing: a test that then cuts off a follower must wait for this, or the
   * cut may take the majority's only follower and the leader with it.
   *
   * @param timeout how long to wait
   * @return the leader, 0-based
   * @throws AssertionError if the whole ensemble does not follow one leader in time
   */
  public int awaitAllFollowing(Duration timeout) {
    return Await.value(
        timeout,
        () -> {
          Integer leader = leader();
          if (leader == null) {
            return null;
          }
          for (int i = 0; i < ensemble.size(); i++) {
            if (i != leader && !mode(i).equals("follower")) {
              return null;
            }
          }
          return leader;
        },
        "all " + ensemble.size() + " members following one leader");
  }

  private @org.jspecify.annotations.Nullable Integer leader() {
    Integer leader = null;
    int followers = 0;
    for (int i = 0; i < ensemble.size(); i++) {
      String mode = mode(i);
      if (mode.equals("leader")) {
        leader = i;
      } else if (mode.equals("follower")) {
        followers++;
      }
    }
    // A quorum: the leader and a majority with it.
    return leader != null && followers + 1 > ensemble.size() / 2 ? leader : null;
  }
}
