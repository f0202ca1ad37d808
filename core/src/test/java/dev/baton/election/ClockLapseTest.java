package dev.baton.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.lock.LockLease;
import dev.baton.testing.Await;
import dev.baton.testing.EnsembleOptions;
import dev.baton.testing.QuorumLinks;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.retry.RetryForever;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Holdings of a client connected only to a follower that is cut off from the ZooKeeper leader
 * silently: the follower goes on answering reads for {@code syncLimit × tickTime} (5 s here), while
 * the leader expires the client's 2 s session and lets the other client take over. The session
 * clock must end those holdings and tell their listeners in time, and never elect the cut-off
 * participant again on the follower's stale list. (On this set-up the client's own connection
 * timeout comes in time too: on the cut-off follower its pings wait behind the clock's unanswered
 * {@code sync}, so it reports SUSPENDED after two thirds of the session timeout. These tests guard
 * the clock's own path; they do not fail without it.)
 */
class ClockLapseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration SESSION = Duration.ofSeconds(2);

  @RegisterExtension
  static ZooKeeperExtension zk =
      ZooKeeperExtension.ensemble(
          EnsembleOptions.builder().tickTime(Duration.ofMillis(500)).syncLimit(10).build());

  private final List<Coordinator> opened = new ArrayList<>();

  @AfterEach
  void heal() throws Exception {
    zk.quorumLinks().heal();
    opened.forEach(Coordinator::close);
    zk.quorumLinks().awaitLeader(WAIT);
  }

  /**
   * A coordinator whose client talks to {@code connectString} only: Curator's ensemble tracker, on
   * by default, would otherwise learn every member's address and move the client to the majority.
   */
  private Coordinator connect(String connectString) throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(connectString)
                    .namespace("test/clock-lapse")
                    .sessionTimeout(SESSION)
                    .connectionTimeout(Duration.ofSeconds(2))
                    .retryPolicy(new RetryForever(50))
                    .followEnsemble(false)
                    .build());
    opened.add(coord);
    assertTrue(coord.awaitConnected(WAIT), "connected to " + connectString);
    return coord;
  }

  @Test
  void onLostAndOnRevokedComeWhenTheClockRunsOutWithoutAnyonePolling() throws Exception {
    QuorumLinks links = zk.quorumLinks();
    int leader = links.awaitLeader(WAIT);
    int follower = (leader + 1) % zk.size();
    Coordinator cut = connect(links.connectString(follower));
    Coordinator other = connect(links.connectString(leader));
    AtomicLong lostAt = new AtomicLong();
    AtomicLong revokedAt = new AtomicLong();
    AtomicLong bElectedAt = new AtomicLong();
    LockLease lease = cut.lock("lapse").acquire(WAIT);
    lease.addListener(l -> lostAt.compareAndSet(0, System.nanoTime()));
    LeaderElection a =
        cut.leaderElection("lapse")
            .participantId("a")
            .listener(
                new ElectionListener() {
                  @Override
                  public void onRevoked(Leadership leadership, Reason reason) {
                    revokedAt.compareAndSet(0, System.nanoTime());
                  }
                })
            .start();
    a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b =
        other
            .leaderElection("lapse")
            .participantId("b")
            .listener(
                new ElectionListener() {
                  @Override
                  public void onElected(Leadership leadership) {
                    bElectedAt.compareAndSet(0, System.nanoTime());
                  }
                })
            .start();
    Await.until(WAIT, () -> b.participants().size() == 2, "b queued behind a");

    links.isolate(follower);
    // From here nobody asks the cut-off client's lease or election whether they are valid.
    other.lock("lapse").acquire(WAIT).close(); // once the leader expired the cut-off session
    long acquired = System.nanoTime();
    Await.until(WAIT, () -> bElectedAt.get() != 0, "b elected");

    assertTrue(
        lostAt.get() != 0 && lostAt.get() - acquired < 0,
        "onLost must come before the other client acquires, not with a later SUSPENDED");
    assertTrue(
        revokedAt.get() != 0 && revokedAt.get() - bElectedAt.get() < 0,
        "onRevoked must come before another participant is elected");
  }

  @Test
  void aCutOffParticipantIsNotElectedAgainOnItsFollowersStaleList() throws Exception {
    QuorumLinks links = zk.quorumLinks();
    int leader = links.awaitLeader(WAIT);
    int follower = (leader + 1) % zk.size();
    Coordinator cut = connect(links.connectString(follower));
    Coordinator other = connect(links.connectString(leader));
    List<String> aEvents = new CopyOnWriteArrayList<>();
    LeaderElection a =
        cut.leaderElection("stale")
            .participantId("a")
            .listener(
                new ElectionListener() {
                  @Override
                  public void onElected(Leadership leadership) {
                    aEvents.add("elected");
                  }

                  @Override
                  public void onRevoked(Leadership leadership, Reason reason) {
                    aEvents.add("revoked " + reason);
                  }
                })
            .start();
    a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b = other.leaderElection("stale").participantId("b").start();
    Await.until(WAIT, () -> b.participants().size() == 2, "b queued behind a");

    links.isolate(follower);
    // A gated component asks its election all the time; each answer may end a lapsed leadership.
    AtomicBoolean polling = new AtomicBoolean(true);
    CompletableFuture<Void> poller =
        CompletableFuture.runAsync(
            () -> {
              while (polling.get()) {
                a.isLeader();
                LockSupport.parkNanos(1_000_000);
              }
            });
    try {
      b.awaitLeadership(WAIT).orElseThrow();
      // The follower serves the cut-off client (which may also reconnect to it, in the same
      // session) until it gives up on the leader: watch all along.
      Await.until(
          WAIT,
          () -> !links.mode(follower).equals("follower"),
          "the follower gave up on the leader");
    } finally {
      polling.set(false);
      poller.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    assertEquals(
        "elected", aEvents.get(0), "a was elected once, before the cut: " + aEvents.toString());
    assertEquals(
        1,
        aEvents.stream().filter("elected"::equals).count(),
        "a elected again on the cut-off follower's stale list while b led: " + aEvents);
    assertTrue(b.isLeader());
  }
}
