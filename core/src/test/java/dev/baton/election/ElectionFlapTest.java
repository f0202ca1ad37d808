package dev.baton.election;

import static dev.baton.TestCoordinators.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import dev.baton.testing.ZooKeeperRelay;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.ClientWatchers;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ZooKeeper hands Disconnected and SyncConnected to every watcher a client holds, without removing
 * it; a waiting participant must neither add a watcher object per delivery nor re-run its check
 * once per watcher.
 */
class ElectionFlapTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final int FLAPS = 8;
  private static final Duration QUIET = Duration.ofMillis(500);
  private static final String DIR = "/test/flap/elections/flap";

  /** The participant's reads of the queue and its nodes, whatever else the session sends. */
  private static long queueReads(ZooKeeperRelay relay) {
    return relay.requests(ZooDefs.OpCode.getData, DIR)
        + relay.requests(ZooDefs.OpCode.getChildren, DIR)
        + relay.requests(ZooDefs.OpCode.getChildren2, DIR);
  }

  /** Waits until the participant sent no queue read for half a second: its work settled. */
  private static void awaitQuiet(ZooKeeperRelay relay) {
    long[] last = {queueReads(relay), System.nanoTime()};
    Await.until(
        WAIT,
        () -> {
          long now = queueReads(relay);
          if (now != last[0]) {
            last[0] = now;
            last[1] = System.nanoTime();
          }
          return System.nanoTime() - last[1] > QUIET.toNanos();
        },
        "no more queue reads");
  }

  @Test
  void aWaitingParticipantKeepsOneWatcherAndFewRequestsOverConnectionFlaps() throws Exception {
    Coordinator leaderCoord = TestCoordinators.connect(zk, "test/flap");
    LeaderElection leader = leaderCoord.leaderElection("flap").participantId("a").start();
    leader.awaitLeadership(WAIT).orElseThrow();
    ZooKeeperRelay relay = zk.relay();
    Coordinator coord = TestCoordinators.connectVia(zk, relay.connectString(), "test/flap");
    AtomicInteger reconnects = new AtomicInteger();
    coord.addConnectionListener(
        e -> {
          if (e.state() == ConnectionState.RECONNECTED) {
            reconnects.incrementAndGet();
          }
        });
    LeaderElection waiting = coord.leaderElection("flap").participantId("b").start();
    ZooKeeper raw = coord.curator().getZookeeperClient().getZooKeeper();
    Await.until(
        WAIT, () -> ClientWatchers.dataWatchersUnder(raw, DIR) == 1, "b watches its predecessor");
    long before = queueReads(relay);

    for (int i = 1; i <= FLAPS; i++) {
      int seen = reconnects.get();
      relay.dropConnections();
      Await.until(WAIT, () -> reconnects.get() > seen, "reconnected after flap " + seen);
      // The reconnect re-checks the queue (a listing and a read that re-registers the watcher);
      // whatever else the flap set off must have run before the next flap, or it compounds.
      long checked = before + 2L * i;
      Await.until(WAIT, () -> queueReads(relay) >= checked, "queue checked after the reconnect");
      awaitQuiet(relay);
      assertEquals(
          1, ClientWatchers.dataWatchersUnder(raw, DIR), "watcher objects after flap " + i);
    }

    long perFlap = (queueReads(relay) - before) / FLAPS;
    assertTrue(perFlap <= 6, "queue reads per flap: " + perFlap);
    assertFalse(waiting.isLeader());

    leaderCoord.close();
    waiting.awaitLeadership(WAIT).orElseThrow();
  }
}
