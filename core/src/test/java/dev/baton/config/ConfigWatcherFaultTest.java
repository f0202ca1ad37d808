package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static dev.baton.config.ConfigWatcherTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionEvent;
import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watchers resync by themselves after the faults production has. */
class ConfigWatcherFaultTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void afterSessionExpiryTheWatcherReAddsItsWatchAndDeliversTheLatestValue() throws Exception {
    Coordinator coord = connect(zk, "fault/expiry");
    CuratorFramework writer = zk.newCurator();
    String path = "/fault/expiry/config/rate";
    writer.create().creatingParentsIfNeeded().forPath(path, "1".getBytes());
    ConfigWatcher<Integer> w = coord.config("rate", Codecs.ofInt()).defaultValue(0).watch();
    Recorder<Integer> rec = new Recorder<>();
    w.addListener(rec);
    assertEquals(1, w.get());
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    coord.addConnectionListener(events::add);

    zk.expireSession(coord.curator());
    // Written while the watcher's session is gone or being replaced: no event reaches it.
    writer.setData().forPath(path, "2".getBytes());
    Await.until(
        WAIT,
        () ->
            events.stream()
                .anyMatch(e -> e.state() == ConnectionState.RECONNECTED && e.newSession()),
        "new session");
    Await.until(WAIT, () -> w.get() == 2, "resynced to 2 after expiry");
    // The watch works again on the new session.
    writer.setData().forPath(path, "3".getBytes());
    Await.until(WAIT, () -> w.get() == 3, "watch re-added: 3 arrives");
    Await.until(WAIT, () -> rec.heardValue(3), "listener hears 3");
    rec.assertClean();
  }

  @Test
  void afterDroppedConnectionsTheWatcherReReadsAndDeliversTheLatestValue() throws Exception {
    Coordinator coord = connect(zk, "fault/drop");
    CuratorFramework writer = zk.newCurator();
    ConfigWatcher<String> w = coord.config("mode", Codecs.ofString()).defaultValue("off").watch();
    Recorder<String> rec = new Recorder<>();
    w.addListener(rec);
    String path = "/fault/drop/config/mode";
    writer.create().creatingParentsIfNeeded().forPath(path, "a".getBytes());
    Await.until(WAIT, () -> w.get().equals("a"), "a");
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    coord.addConnectionListener(events::add);

    zk.stop();
    zk.restart();
    writer.setData().forPath(path, "b".getBytes());
    Await.until(WAIT, () -> w.get().equals("b"), "b after the server came back");
    zk.dropConnections();
    writer.setData().forPath(path, "c".getBytes());
    Await.until(WAIT, () -> w.get().equals("c"), "c after dropped connections");
    Await.until(WAIT, () -> rec.heardValue("c"), "listener hears c");
    assertTrue(
        events.stream().noneMatch(e -> e.newSession()), "same session throughout: " + events);
    writer.delete().forPath(path);
    Await.until(WAIT, () -> w.get().equals("off"), "delete still seen on the same watch");
    rec.assertClean();
  }
}
