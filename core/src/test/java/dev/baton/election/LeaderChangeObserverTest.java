package dev.baton.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Observers (and participants) hear every change of leader, in order, with epochs: through joins, a
 * relinquish, an expired session and closes, down to "no leader".
 */
class LeaderChangeObserverTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = TestCoordinators.WAIT;

  private static Coordinator connect() throws InterruptedException {
    return TestCoordinators.connect(zk, "test/leader-changes");
  }

  private static String describe(LeaderChange c) {
    return c.leader().map(Participant::id).orElse("none");
  }

  private static void awaitLast(List<LeaderChange> heard, String id) {
    Await.until(
        WAIT,
        () -> !heard.isEmpty() && describe(heard.get(heard.size() - 1)).equals(id),
        "heard that the leader is " + id + " (heard " + heard + ")");
  }

  @Test
  void anObserverHearsEveryLeaderChangeOfThreeParticipantsInOrderWithEpochs() throws Exception {
    List<LeaderChange> heard = new CopyOnWriteArrayList<>();
    LeaderElection observer =
        connect().leaderElection("three").onLeaderChanged(heard::add).observe();
    assertTrue(observer.awaitJoined(WAIT), "observer read the election once");
    awaitLast(heard, "none");

    Coordinator a = connect();
    Coordinator b = connect();
    Coordinator c = connect();
    LeaderElection ea = a.leaderElection("three").participantId("a").start();
    long epochA = ea.awaitLeadership(WAIT).orElseThrow().epoch();
    awaitLast(heard, "a");
    List<LeaderChange> heardByC = new CopyOnWriteArrayList<>();
    LeaderElection eb = b.leaderElection("three").participantId("b").start();
    assertTrue(eb.awaitJoined(WAIT), "b joined");
    LeaderElection ec =
        c.leaderElection("three").participantId("c").onLeaderChanged(heardByC::add).start();
    assertTrue(ec.awaitJoined(WAIT), "c joined");
    awaitLast(heardByC, "a");

    assertTrue(ea.relinquish(), "a relinquishes");
    long epochB = eb.awaitLeadership(WAIT).orElseThrow().epoch();
    awaitLast(heard, "b");
    Await.until(WAIT, () -> ea.participants().size() == 3, "a queued again");

    zk.expireSession(b.curator());
    long epochC = ec.awaitLeadership(WAIT).orElseThrow().epoch();
    awaitLast(heard, "c");
    Await.until(WAIT, () -> ec.participants().size() == 3, "b queued again after its expiry");

    ec.close();
    long epochA2 = ea.awaitLeadership(WAIT).orElseThrow().epoch();
    awaitLast(heard, "a");
    ea.close();
    long epochB2 = eb.awaitLeadership(WAIT).orElseThrow().epoch();
    awaitLast(heard, "b");
    eb.close();
    awaitLast(heard, "none");

    assertEquals(
        List.of("none", "a", "b", "c", "a", "b", "none"),
        heard.stream().map(LeaderChangeObserverTest::describe).toList(),
        "every change, in order");
    List<Long> epochs = new ArrayList<>();
    for (LeaderChange change : heard) {
      change.epoch().ifPresent(epochs::add);
      assertEquals(change.leader().isPresent(), change.epoch().isPresent());
    }
    assertEquals(List.of(epochA, epochB, epochC, epochA2, epochB2), epochs, "the leaders' epochs");
    assertEquals(
        List.of("a", "b", "c"),
        heardByC.stream().map(LeaderChangeObserverTest::describe).toList(),
        "a participant hears the same changes from its start until it leaves");
    assertFalse(observer.isLeader());
    observer.close();
  }
}
