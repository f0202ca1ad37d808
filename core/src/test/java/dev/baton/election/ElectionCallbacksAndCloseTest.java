package dev.baton.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listener dispatch outside the election's monitor, and a close that leaves no thread behind. */
class ElectionCallbacksAndCloseTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Coordinator connect(String connectString) throws InterruptedException {
    return TestCoordinators.connectVia(zk, connectString, "test/election");
  }

  /** Live threads this election started (its ZooKeeper thread and its events thread). */
  private static List<String> electionThreads(String election) {
    String prefix = "baton-election-" + election + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .toList();
  }

  @Test
  void blockedOnElectedDelaysNeitherTheFailSafeRevocationNorIsValid() throws Exception {
    try (NetworkPartition proxy = zk.partition()) {
      Coordinator ca = connect(proxy.connectString());
      CountDownLatch inElected = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      List<String> events = new CopyOnWriteArrayList<>();
      BlockingQueue<Reason> revoked = new LinkedBlockingQueue<>();
      AtomicReference<Leadership> elected = new AtomicReference<>();
      LeaderElection a =
          ca.leaderElection("blocked")
              .participantId("a")
              .listener(
                  new ElectionListener() {
                    @Override
                    public void onElected(Leadership leadership) {
                      events.add("elected");
                      elected.compareAndSet(null, leadership);
                      inElected.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }

                    @Override
                    public void onRevoked(Leadership leadership, Reason reason) {
                      events.add("revoked " + reason);
                      revoked.add(reason);
                    }
                  })
              .start();
      try {
        assertTrue(inElected.await(20, TimeUnit.SECONDS), "onElected runs");
        Leadership first = elected.get();
        // Registered after the election's listener: the coordinator calls it after that one.
        CountDownLatch suspended = new CountDownLatch(1);
        ca.addConnectionListener(
            e -> {
              if (e.state() == ConnectionState.SUSPENDED) {
                suspended.countDown();
              }
            });

        proxy.isolate();

        assertTrue(
            suspended.await(20, TimeUnit.SECONDS),
            "the fail-safe revocation did not wait for the blocked onElected");
        Boolean valid =
            CompletableFuture.supplyAsync(first::isValid).get(20, TimeUnit.SECONDS); // no block
        assertFalse(valid, "revoked while onElected still runs");
        assertFalse(CompletableFuture.supplyAsync(a::isLeader).get(20, TimeUnit.SECONDS));
        assertEquals(List.of("elected"), events, "onRevoked waits for onElected to return");

        release.countDown();

        assertEquals(Reason.SUSPENDED, revoked.poll(20, TimeUnit.SECONDS));
        assertEquals(List.of("elected", "revoked SUSPENDED"), events.subList(0, 2));
      } finally {
        release.countDown();
        proxy.heal();
        ca.close(); // while the proxy still relays
      }
      Await.until(WAIT, () -> electionThreads("blocked").isEmpty(), "no election thread left");
    }
  }

  @Test
  void closeReturnsDespiteAStuckStepAndLeavesNoThread() throws Exception {
    Coordinator ca = connect(zk.connectString());
    List<String> events = new CopyOnWriteArrayList<>();
    LeaderElection leader =
        ca.leaderElection("leader-w")
            .participantId("a")
            .onElected(l -> events.add("elected"))
            .onRevoked((l, r) -> events.add("revoked " + r))
            .start();
    leader.awaitLeadership(WAIT).orElseThrow();

    zk.stop();
    // Its first step (creating its node) now waits in Curator's retry policy.
    LeaderElection stuck = ca.leaderElection("wedged").participantId("b").start();
    Await.until(WAIT, () -> !electionThreads("wedged").isEmpty(), "the stuck step runs");

    CompletableFuture.runAsync(stuck::close).get(20, TimeUnit.SECONDS);
    CompletableFuture.runAsync(leader::close).get(20, TimeUnit.SECONDS);

    Await.until(
        WAIT,
        () -> electionThreads("wedged").isEmpty() && electionThreads("leader-w").isEmpty(),
        "no election thread left: " + electionThreads("wedged"));
    // SUSPENDED, or CLOSED if close came first: either way revoked exactly once, after elected.
    Await.until(WAIT, () -> events.size() == 2, "revoked: " + events);
    assertEquals("elected", events.get(0));
    assertTrue(events.get(1).startsWith("revoked "), events.toString());
  }

  @Test
  void closeDeliversOnRevokedAndEndsItsThreads() throws Exception {
    BlockingQueue<Reason> revoked = new LinkedBlockingQueue<>();
    LeaderElection a =
        connect(zk.connectString())
            .leaderElection("closed")
            .participantId("a")
            .onRevoked((l, r) -> revoked.add(r))
            .start();
    a.awaitLeadership(WAIT).orElseThrow();
    LeaderElection b =
        connect(zk.connectString()).leaderElection("closed").participantId("b").start();
    Await.until(WAIT, () -> b.participants().size() == 2, "b queued");

    a.close();

    assertEquals(Reason.CLOSED, revoked.poll(20, TimeUnit.SECONDS));
    b.awaitLeadership(WAIT).orElseThrow();
    b.close();
    Await.until(WAIT, () -> electionThreads("closed").isEmpty(), "no election thread left");
  }
}
