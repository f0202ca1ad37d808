package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.EnsembleOptions;
import dev.baton.testing.QuorumLinks;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lease holder connected only to a follower that is cut off from the leader silently: the
 * follower goes on answering reads for {@code syncLimit × tickTime} (5 s here), while the leader
 * expires the holder's 2 s session and lets another client acquire. The holder must stop believing
 * it holds before the other client's acquire returns.
 */
class IsolatedFollowerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration SESSION = Duration.ofSeconds(2);

  @RegisterExtension
  static ZooKeeperExtension zk =
      ZooKeeperExtension.ensemble(
          EnsembleOptions.builder().tickTime(Duration.ofMillis(500)).syncLimit(10).build());

  private static Coordinator connect(String connectString) throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(connectString)
                    .namespace("test/isolated-follower")
                    .sessionTimeout(SESSION)
                    .connectionTimeout(Duration.ofSeconds(2))
                    .build());
    assertTrue(coord.awaitConnected(WAIT), "connected to " + connectString);
    return coord;
  }

  @Test
  void aHolderBehindACutOffFollowerTurnsInvalidBeforeAnotherClientAcquires() throws Exception {
    QuorumLinks links = zk.quorumLinks();
    // The whole ensemble, not a bare majority: cutting off the majority's only follower would
    // take the leader's quorum with it.
    int leader = links.awaitAllFollowing(WAIT);
    int follower = (leader + 1) % zk.size();
    Coordinator holder = connect(links.connectString(follower));
    Coordinator other = connect(links.connectString(leader));
    LockLease lease = holder.lock("commit").acquire(WAIT);
    assertTrue(lease.isValid());

    links.isolate(follower);
    long cut = System.nanoTime();
    AtomicLong invalidAt = new AtomicLong();
    CompletableFuture<Void> watch =
        CompletableFuture.runAsync(
            () -> {
              while (lease.isValid()) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
              }
              invalidAt.set(System.nanoTime());
            });
    // Waits until the leader has expired the holder's session and deleted its node.
    LockLease second = other.lock("commit").acquire(WAIT);
    long acquired = System.nanoTime();
    boolean stillValid = lease.isValid();
    long ms = TimeUnit.NANOSECONDS.toMillis(acquired - cut);

    assertTrue(second.isValid());
    assertFalse(
        stillValid,
        "two valid holders: the cut-off holder still believed it held "
            + ms
            + " ms after the cut, when the other client acquired");
    watch.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(invalidAt.get() - acquired < 0, "invalid before the other client acquired");
    second.close();
  }
}
