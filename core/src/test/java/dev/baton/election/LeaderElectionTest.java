package dev.baton.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderElectionTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Coordinator connect(String connectString) throws InterruptedException {
    return TestCoordinators.connectVia(zk, connectString, "test/election");
  }

  private static Coordinator connect() throws InterruptedException {
    return connect(zk.connectString());
  }

  /** Records what one participant heard. */
  static final class Recorder implements ElectionListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicLong electedAt = new AtomicLong();
    final AtomicLong revokedAt = new AtomicLong();
    final AtomicReference<Reason> lastReason = new AtomicReference<>();

    @Override
    public void onElected(Leadership leadership) {
      electedAt.set(System.nanoTime());
      events.add("elected " + leadership.epoch());
    }

    @Override
    public void onRevoked(Leadership leadership, Reason reason) {
      revokedAt.set(System.nanoTime());
      lastReason.set(reason);
      events.add("revoked " + leadership.epoch() + " " + reason);
    }
  }

  @Test
  void oneLeaderVisibleToParticipantsAndObservers() throws Exception {
    LeaderElection a =
        connect()
            .leaderElection("visible")
            .participantId("a")
            .data("host-a:9000".getBytes(StandardCharsets.UTF_8))
            .start();
    Leadership leadership = a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b = connect().leaderElection("visible").participantId("b").start();
    LeaderElection observer = connect().leaderElection("visible").observe();
    Await.until(WAIT, () -> observer.participants().size() == 2, "both participants visible");

    assertTrue(a.isLeader());
    assertFalse(b.isLeader());
    assertEquals(Optional.of(leadership), a.currentLeadership());
    Participant leader = observer.currentLeader().orElseThrow();
    assertEquals("a", leader.id());
    assertEquals("host-a:9000", new String(leader.data(), StandardCharsets.UTF_8));
    assertEquals(leadership.epoch(), leader.token());
    assertTrue(leader.leader());
    assertEquals(List.of("a", "b"), observer.participants().stream().map(Participant::id).toList());
    assertEquals(leader, b.currentLeader().orElseThrow());
    assertThrows(IllegalStateException.class, () -> observer.awaitLeadership(WAIT));
    assertFalse(observer.isLeader());
  }

  @Test
  void relinquishHandsOverToTheNextParticipantWithAHigherEpoch() throws Exception {
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    LeaderElection a =
        connect().leaderElection("relinquish").participantId("a").listener(ra).start();
    Leadership first = a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b =
        connect().leaderElection("relinquish").participantId("b").listener(rb).start();
    Await.until(WAIT, () -> a.participants().size() == 2, "b queued");

    assertTrue(a.relinquish());

    Leadership second = b.awaitLeadership(WAIT).orElseThrow();
    assertTrue(second.epoch() > first.epoch());
    assertFalse(first.isValid());
    assertEquals(Reason.RELINQUISHED, ra.lastReason.get());
    // awaitLeadership returns as soon as b leads; its listener hears of it on the events thread.
    Await.until(WAIT, () -> rb.electedAt.get() != 0, "b's listener told");
    assertTrue(
        ra.revokedAt.get() < rb.electedAt.get(),
        "old revoked before new elected: " + ra.events + " / " + rb.events);
    Await.until(WAIT, () -> a.participants().size() == 2, "a queued again behind b");
    assertEquals("b", a.currentLeader().orElseThrow().id());
    assertFalse(a.isLeader());
    assertFalse(a.relinquish(), "a follower has nothing to relinquish");
  }

  @Test
  void relinquishFromInsideOnElectedReturnsAtOnceAndHandsOver() throws Exception {
    AtomicReference<LeaderElection> self = new AtomicReference<>();
    BlockingQueue<Boolean> answers = new LinkedBlockingQueue<>();
    Recorder ra = new Recorder();
    LeaderElection a =
        connect()
            .leaderElection("relinquish-inside")
            .participantId("a")
            .listener(ra)
            .onElected(
                l -> {
                  LeaderElection e = self.get();
                  if (e != null && answers.isEmpty()) {
                    answers.add(e.relinquish()); // on the events thread: must not wait for itself
                  }
                })
            .start();
    a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b = connect().leaderElection("relinquish-inside").participantId("b").start();
    Await.until(WAIT, () -> a.participants().size() == 2, "b queued");
    self.set(a);
    // Elected once more to trigger the listener: hand over to b and back.
    assertTrue(a.relinquish());
    b.awaitLeadership(WAIT).orElseThrow();
    Await.until(WAIT, () -> a.participants().size() == 2, "a queued again");
    assertTrue(b.relinquish());
    Boolean answer = answers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(Boolean.TRUE, answer, "relinquish() inside onElected returned true, promptly");
    Await.until(WAIT, b::isLeader, "b elected again after a relinquished from its listener");
    Await.until(WAIT, () -> a.participants().size() == 2, "a queued behind b");
    assertTrue(alternates(ra.events), "a's events alternate: " + ra.events);
  }

  @Test
  void closeRightAfterRelinquishLeavesNoNodeBehind() throws Exception {
    LeaderElection a = connect().leaderElection("relinquish-close").participantId("a").start();
    a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b = connect().leaderElection("relinquish-close").participantId("b").start();
    Await.until(WAIT, () -> b.participants().size() == 2, "b queued");
    assertTrue(a.relinquish());
    a.close(); // the re-join may be running or queued: neither may leave a node of a's
    b.awaitLeadership(WAIT).orElseThrow();
    Await.until(
        WAIT,
        () -> b.participants().stream().map(Participant::id).toList().equals(List.of("b")),
        "only b in the election: " + b.participants());
  }

  @Test
  void relinquishDuringAReconnectLeavesOneNodePerParticipant() throws Exception {
    Recorder ra = new Recorder();
    LeaderElection a =
        connect().leaderElection("relinquish-drop").participantId("a").listener(ra).start();
    a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b = connect().leaderElection("relinquish-drop").participantId("b").start();
    Await.until(WAIT, () -> b.participants().size() == 2, "b queued");
    zk.dropConnections(); // both sessions survive; each RECONNECTED triggers a check of the queue
    Await.until(WAIT, a::isLeader, "a leads again");
    assertTrue(a.relinquish());
    b.awaitLeadership(WAIT).orElseThrow();
    Await.until(
        WAIT,
        () -> b.participants().stream().map(Participant::id).toList().equals(List.of("b", "a")),
        "one node each, b first: " + b.participants());
    assertFalse(a.isLeader());
    assertTrue(alternates(ra.events), "a's events alternate: " + ra.events);
  }

  /** Whether elected and revoked strictly alternate, starting with elected. */
  private static boolean alternates(List<String> events) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).startsWith("elected") != (i % 2 == 0)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void leaderSessionExpiryElectsAnotherWithAHigherEpoch() throws Exception {
    Coordinator ca = connect();
    Recorder ra = new Recorder();
    LeaderElection a = ca.leaderElection("expiry").participantId("a").listener(ra).start();
    Leadership first = a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b = connect().leaderElection("expiry").participantId("b").start();
    Await.until(WAIT, () -> b.participants().size() == 2, "b queued");

    zk.expireSession(ca.curator());

    Leadership second = b.awaitLeadership(WAIT).orElseThrow();
    assertTrue(second.epoch() > first.epoch());
    // The server closes the expired session's connection: a may hear SUSPENDED before LOST.
    Await.until(
        WAIT,
        () -> ra.lastReason.get() == Reason.SESSION_LOST || ra.lastReason.get() == Reason.SUSPENDED,
        "a revoked: " + ra.events);
    assertFalse(first.isValid());
    Await.until(WAIT, () -> a.participants().size() == 2, "a joined again with its new session");
    assertEquals("b", a.currentLeader().orElseThrow().id());
    assertFalse(a.isLeader());
  }

  // Server-side expiry (above) deletes the node and closes the connection at once, so the old
  // leader may hear SUSPENDED a moment after the new one is elected. Real expiry needs the client
  // to be silent for the whole session timeout, which is what isolating it alone reproduces.
  @Test
  void failSafeRevokesTheIsolatedLeaderBeforeAnotherIsElected() throws Exception {
    try (NetworkPartition proxy = zk.partition()) {
      Recorder ra = new Recorder();
      Recorder rb = new Recorder();
      Coordinator ca = connect(proxy.connectString());
      LeaderElection a = ca.leaderElection("failsafe").participantId("a").listener(ra).start();
      Leadership first = a.awaitLeadership(WAIT).orElseThrow();
      LeaderElection b =
          connect().leaderElection("failsafe").participantId("b").listener(rb).start();
      Await.until(WAIT, () -> b.participants().size() == 2, "b queued");

      proxy.isolate();

      Leadership second = b.awaitLeadership(WAIT).orElseThrow();
      // awaitLeadership returns as soon as b leads; its listener hears of it on the events thread.
      Await.until(WAIT, () -> rb.electedAt.get() != 0, "b's listener told");
      assertEquals(Reason.SUSPENDED, ra.lastReason.get());
      assertNotNull(ra.revokedAt.get());
      assertTrue(
          ra.revokedAt.get() != 0 && ra.revokedAt.get() < rb.electedAt.get(),
          "old leader revoked ("
              + ra.revokedAt.get()
              + ") before new elected ("
              + rb.electedAt.get()
              + ")");
      assertTrue(second.epoch() > first.epoch());
      assertFalse(first.isValid());
      assertFalse(a.isLeader());
      proxy.heal();
      Await.until(WAIT, () -> a.participants().size() == 2, "a back as a follower");
      assertFalse(a.isLeader());
      assertTrue(b.isLeader());
      ca.close(); // while the proxy still relays
    }
  }

  @Test
  void failSafeLeaderIsReElectedWithTheSameEpochAfterABriefDrop() throws Exception {
    Recorder ra = new Recorder();
    LeaderElection a = connect().leaderElection("blip").participantId("a").listener(ra).start();
    Leadership first = a.awaitLeadership(WAIT).orElseThrow();

    zk.dropConnections();

    Await.until(WAIT, () -> ra.events.size() >= 3, "revoked and elected again: " + ra.events);
    Leadership again = a.awaitLeadership(WAIT).orElseThrow();
    assertEquals(Reason.SUSPENDED, ra.lastReason.get());
    assertEquals(first.epoch(), again.epoch(), "same node, same epoch");
    assertFalse(first.isValid(), "the old object stays invalid");
    assertTrue(again.isValid());
  }

  @Test
  void tolerateSuspensionKeepsLeadingThroughABriefDrop() throws Exception {
    Recorder ra = new Recorder();
    // "Brief" is relative to the session timeout: the clock keeps a holding valid for about half
    // of it after the leader's last answer, so a long session keeps a slow reconnect (a loaded
    // machine takes over a second) inside the window this test is about.
    Coordinator ca =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace("test/election")
                    .sessionTimeout(Duration.ofSeconds(20))
                    .connectionTimeout(Duration.ofSeconds(1))
                    .build());
    assertTrue(ca.awaitConnected(WAIT), "connected");
    List<dev.baton.ConnectionState> states = new CopyOnWriteArrayList<>();
    ca.addConnectionListener(e -> states.add(e.state()));
    LeaderElection a =
        ca.leaderElection("tolerate")
            .participantId("a")
            .suspendPolicy(SuspendPolicy.TOLERATE_SUSPENSION)
            .listener(ra)
            .start();
    Leadership first = a.awaitLeadership(WAIT).orElseThrow();
    // A new leadership's clock counts answers for less until its pings are steady (see
    // SessionClock): a drop right after the election may end it, fairly.
    Await.until(WAIT, dev.baton.internal.SessionClock.of(ca)::isSteady, "steady session pings");

    zk.dropConnections();

    Await.until(WAIT, () -> states.contains(dev.baton.ConnectionState.RECONNECTED), "reconnected");
    assertEquals(1, ra.events.size(), "never revoked: " + ra.events);
    assertTrue(first.isValid());
    assertTrue(a.isLeader());
  }

  @Test
  void epochsStrictlyIncreaseOver200SuccessiveLeaderships() throws Exception {
    BlockingQueue<Object[]> elected = new LinkedBlockingQueue<>();
    List<LeaderElection> elections = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      AtomicReference<LeaderElection> self = new AtomicReference<>();
      LeaderElection e =
          connect()
              .leaderElection("epochs")
              .participantId("p" + i)
              .onElected(l -> elected.add(new Object[] {self.get(), l}))
              .start();
      self.set(e);
      elections.add(e);
    }
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < 200; i++) {
      Object[] next = elected.poll(20, TimeUnit.SECONDS);
      assertNotNull(next, "leadership " + i + " came");
      Leadership l = (Leadership) next[1];
      assertTrue(l.epoch() > previous, "epoch " + l.epoch() + " after " + previous);
      previous = l.epoch();
      LeaderElection leader = (LeaderElection) next[0];
      if (leader == null) {
        Await.until(WAIT, () -> elections.stream().anyMatch(LeaderElection::isLeader), "leader");
        leader = elections.stream().filter(LeaderElection::isLeader).findFirst().orElseThrow();
      }
      assertTrue(leader.relinquish(), "leadership " + i + " relinquished");
    }
  }

  @Test
  void closeRevokesAndHandsOver() throws Exception {
    Recorder ra = new Recorder();
    LeaderElection a = connect().leaderElection("closing").participantId("a").listener(ra).start();
    a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b = connect().leaderElection("closing").participantId("b").start();
    Await.until(WAIT, () -> b.participants().size() == 2, "b queued");
    a.close();
    a.close();
    Await.until(WAIT, () -> ra.lastReason.get() == Reason.CLOSED, "revoked: " + ra.events);
    b.awaitLeadership(WAIT).orElseThrow();
    assertEquals(1, b.participants().size());
  }
}
