package dev.baton.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.LeaseLostException;
import dev.baton.codec.Codecs;
import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import dev.baton.lock.LockLease;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Config writes guarded by the real lock and election recipes: the store accepts their guards
 * without depending on their packages, and refuses a holder whose session expired.
 */
class GuardedConfigWriteTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Coordinator connect() throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace("guarded-config")
                    .sessionTimeout(zk.sessionTimeout())
                    .build());
    assertTrue(coord.awaitConnected(WAIT));
    return coord;
  }

  @Test
  void aLockLeaseGuardsConfigWritesUntilItsSessionExpires() throws Exception {
    Coordinator holder = connect();
    Coordinator reader = connect();
    LockLease lease = holder.lock("config-writer").acquire(WAIT);

    holder.configs().put("pipeline/batch", Codecs.ofString(), "100", lease.guard());
    assertEquals(
        "100", reader.configs().get("pipeline/batch", Codecs.ofString()).orElseThrow().value());

    zk.expireSession(holder.curator());

    LeaseLostException e =
        assertThrows(
            LeaseLostException.class,
            () -> holder.configs().put("pipeline/batch", Codecs.ofString(), "7", lease.guard()));
    assertTrue(e.getMessage().contains("pipeline/batch"), e.getMessage());
    assertEquals(
        "100",
        reader.configs().get("pipeline/batch", Codecs.ofString()).orElseThrow().value(),
        "the stale holder's write changed nothing");
    lease.close();
  }

  @Test
  void aLeadershipGuardsConfigWritesAndAFormerLeaderIsRefused() throws Exception {
    Coordinator first = connect();
    Coordinator second = connect();
    LeaderElection e1 = first.leaderElection("config-owner").participantId("first").start();
    Leadership old = e1.awaitLeadership(WAIT).orElseThrow();
    LeaderElection e2 = second.leaderElection("config-owner").participantId("second").start();

    first.configs().put("owner", Codecs.ofString(), "first", old.guard());
    e1.relinquish();
    Leadership next = e2.awaitLeadership(WAIT).orElseThrow();
    assertTrue(next.epoch() > old.epoch(), "epochs increase across leaders");

    assertThrows(
        LeaseLostException.class,
        () -> first.configs().put("owner", Codecs.ofString(), "stale", old.guard()));
    second.configs().put("owner", Codecs.ofString(), "second", next.guard());
    assertEquals("second", second.configs().get("owner", Codecs.ofString()).orElseThrow().value());
  }
}
