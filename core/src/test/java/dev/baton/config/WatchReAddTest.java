package dev.baton.config;

import static dev.baton.TestCoordinators.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionEvent;
import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import dev.baton.testing.ZooKeeperRelay;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A persistent watch re-added after a new session must reach the server even when the connection
 * drops around the {@code addWatch} request: the client comes back on the same session, and every
 * later change must still arrive.
 */
class WatchReAddTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  /**
   * Expires the watcher's session and loses the reply to the {@code addWatch} that re-adds the
   * watch on the new one; returns once the client is back on that new session.
   */
  private static void expireAndLoseTheReAdd(ZooKeeperRelay relay, Coordinator coord) {
    expireAndFailTheReAdd(relay, coord, true);
  }

  /** As above; with {@code lostReply} false the request never reaches the server. */
  private static void expireAndFailTheReAdd(
      ZooKeeperRelay relay, Coordinator coord, boolean lostReply) {
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    coord.addConnectionListener(events::add);
    if (lostReply) {
      relay.loseReplyTo(ZooDefs.OpCode.addWatch);
    } else {
      relay.dropAtRequest(ZooDefs.OpCode.addWatch);
    }
    zk.expireSession(coord.curator());
    Await.until(WAIT, () -> relay.faultsFired() == 1, "the addWatch reply lost");
    Await.until(
        WAIT,
        () ->
            events.stream()
                .anyMatch(e -> e.state() == ConnectionState.RECONNECTED && !e.newSession()),
        "back on the same session after the lost reply: " + events);
  }

  @Test
  void aKeyWatchReAddedAcrossALostAddWatchReplyHearsEveryLaterWrite() throws Exception {
    ZooKeeperRelay relay = zk.relay();
    Coordinator coord = TestCoordinators.connectVia(zk, relay.connectString(), "readd/key");
    ConfigStore store = TestCoordinators.connect(zk, "readd/key").configs();
    store.put("rate", Codecs.ofInt(), 0);
    ConfigWatcher<Integer> w = coord.config("rate", Codecs.ofInt()).defaultValue(-1).watch();
    Await.until(WAIT, () -> w.get() == 0, "first value");

    expireAndLoseTheReAdd(relay, coord);

    for (int i = 1; i <= 5; i++) {
      int version = store.put("rate", Codecs.ofInt(), i).version();
      assertTrue(w.awaitVersion(version, WAIT), "value " + i + " arrives, have " + w.current());
      assertEquals(i, w.get());
    }
  }

  @Test
  void aKeyWatchWhoseReAddNeverReachedTheServerHearsEveryLaterWrite() throws Exception {
    ZooKeeperRelay relay = zk.relay();
    Coordinator coord = TestCoordinators.connectVia(zk, relay.connectString(), "readd/drop");
    ConfigStore store = TestCoordinators.connect(zk, "readd/drop").configs();
    store.put("rate", Codecs.ofInt(), 0);
    ConfigWatcher<Integer> w = coord.config("rate", Codecs.ofInt()).defaultValue(-1).watch();
    Await.until(WAIT, () -> w.get() == 0, "first value");

    expireAndFailTheReAdd(relay, coord, false);

    for (int i = 1; i <= 5; i++) {
      int version = store.put("rate", Codecs.ofInt(), i).version();
      assertTrue(w.awaitVersion(version, WAIT), "value " + i + " arrives, have " + w.current());
    }
  }

  @Test
  void aGroupWatchReAddedAcrossALostAddWatchReplyHearsEveryLaterWrite() throws Exception {
    ZooKeeperRelay relay = zk.relay();
    Coordinator coord = TestCoordinators.connectVia(zk, relay.connectString(), "readd/group");
    ConfigStore store = TestCoordinators.connect(zk, "readd/group").configs();
    store.put("etl/rate", Codecs.ofInt(), 0);
    ConfigGroup group = coord.configGroup("etl");
    Await.until(WAIT, () -> group.snapshot().version("etl/rate") == 0, "first snapshot");

    expireAndLoseTheReAdd(relay, coord);

    for (int i = 1; i <= 5; i++) {
      int version = store.put("etl/rate", Codecs.ofInt(), i).version();
      Await.until(
          WAIT,
          () -> group.snapshot().version("etl/rate") == version,
          "version " + version + " arrives in the group");
    }
  }
}
