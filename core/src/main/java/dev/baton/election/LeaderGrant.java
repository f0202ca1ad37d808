package dev.baton.election;

import dev.baton.internal.QueueNodes;
import dev.baton.internal.SessionClock;
import dev.baton.internal.Sessions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leadership granted to a participant and revoked from it. Leadership changes happen under this
 * object's monitor (the election's monitor), which also queues the matching notification; {@link
 * ElectionEvents} delivers it after the monitor is released, serially, so listeners hear elected
 * and revoked strictly alternating and never run with the monitor held. A fail-safe revocation runs
 * on the connection-state thread, so it never waits behind a blocked ZooKeeper call.
 */
final class LeaderGrant {
  private static final Logger LOG = LoggerFactory.getLogger(ElectionImpl.class);

  /** Whether {@code node} is still the participant's own (not being relinquished). */
  interface Ours {
    boolean is(QueueNodes.Created node);
  }

  private final CuratorFramework client;
  private final String name;
  private final String participantId;
  private final SuspendPolicy policy;
  private final ElectionEvents events;
  private final BooleanSupplier started;
  private final Runnable recheck; // has the election thread check the queue again
  private volatile @Nullable LeadershipImpl current; // written under this

  LeaderGrant(
      CuratorFramework client,
      String name,
      String participantId,
      SuspendPolicy policy,
      ElectionEvents events,
      BooleanSupplier started,
      Runnable recheck) {
    this.client = client;
    this.name = name;
    this.participantId = participantId;
    this.policy = policy;
    this.events = events;
    this.started = started;
    this.recheck = recheck;
  }

  @Nullable LeadershipImpl current() {
    return current;
  }

  /** Elects this participant on {@code node}; false if the clock cannot vouch for its session. */
  synchronized boolean elect(QueueNodes.Created node, Ours ours, SessionClock c) {
    if (current != null || !ours.is(node) || !started.getAsBoolean()) {
      return true; // already leading, relinquishing (the node is being deleted), or closed
    }
    if (!Sessions.writable(client) || Sessions.live(client) != node.owner()) {
      // Disconnected, or read-only (a member without a quorum: what it lists may be long gone),
      // or the node is not the live session's: RECONNECTED checks again.
      return true;
    }
    if (!c.isFresh(node.owner())) {
      return false; // the leader has not answered for the session lately
    }
    LeadershipImpl l =
        new LeadershipImpl(
            client,
            name,
            participantId,
            node.path(),
            node.czxid(),
            node.owner(),
            policy == SuspendPolicy.FAIL_SAFE,
            c,
            this::lapsed);
    current = l;
    LOG.info("{} leads election '{}' with epoch {}", participantId, name, l.epoch());
    events.elected(l);
    notifyAll();
    return true;
  }

  /**
   * Ends the current leadership (only if it is {@code expected}, when given) and queues {@code
   * onRevoked}; never waits for a listener.
   *
   * @return completes once the listeners were handed the revocation
   */
  synchronized CompletableFuture<@Nullable Void> revoke(
      @Nullable LeadershipImpl expected, Reason reason) {
    LeadershipImpl l = current;
    if (l == null || (expected != null && l != expected)) {
      return CompletableFuture.completedFuture(null);
    }
    current = null;
    l.end(reason.toString());
    LOG.info(
        "{} no longer leads election '{}' (epoch {}): {}", participantId, name, l.epoch(), reason);
    return events.revoked(l, reason);
  }

  /**
   * A leadership found itself invalid on its own (disconnected, or silence): end it here too.
   * Called from {@code isValid()} on any thread, which must not wait for this election's monitor,
   * so the work is handed to the events thread.
   */
  private void lapsed(LeadershipImpl l) {
    events.execute(
        () -> {
          if (current != l || !started.getAsBoolean()) {
            return;
          }
          boolean connected = client.getZookeeperClient().isConnected();
          revoke(l, connected ? Reason.NO_CONTACT : Reason.SUSPENDED);
          if (connected) {
            // Still first and connected: elected again (same epoch) once the leader answers.
            recheck.run();
          }
        });
  }

  /** Waits for a valid leadership until {@code deadline} ({@code nanoTime}) or {@code closed}. */
  synchronized Optional<Leadership> await(long deadline, BooleanSupplier closed)
      throws InterruptedException {
    while (true) {
      LeadershipImpl l = current;
      if (l != null && l.isValid()) {
        return Optional.of(l);
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || closed.getAsBoolean()) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
  }

  /** Wakes {@link #await} waiters, for them to see the election closed. */
  synchronized void wakeWaiters() {
    notifyAll();
  }
}
