package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZooKeeperExtensionTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static CuratorFramework clientOfFirstTest;

  private static List<ConnectionState> record(CuratorFramework client) {
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    client.getConnectionStateListenable().addListener((c, s) -> states.add(s));
    return states;
  }

  private static CuratorFramework connected() throws InterruptedException {
    CuratorFramework client = zk.newCurator();
    assertTrue(client.blockUntilConnected(20, java.util.concurrent.TimeUnit.SECONDS));
    return client;
  }

  @Test
  @Order(1)
  void serverServesAndClientsAreClosedAfterEachTest() throws Exception {
    clientOfFirstTest = connected();
    clientOfFirstTest.create().forPath("/kept-for-the-class", new byte[] {7});
  }

  @Test
  @Order(2)
  void oneServerServesTheWholeClass() throws Exception {
    assertEquals(CuratorFrameworkState.STOPPED, clientOfFirstTest.getState(), "closed after test");
    CuratorFramework client = connected();
    assertEquals(7, client.getData().forPath("/kept-for-the-class")[0]);
  }

  @Test
  void expireSessionDeletesEphemeralsAndStartsANewSession() throws Exception {
    CuratorFramework client = connected();
    long before = client.getZookeeperClient().getZooKeeper().getSessionId();
    client.create().withMode(CreateMode.EPHEMERAL).forPath("/eph-expire");
    List<ConnectionState> states = record(client);

    zk.expireSession(client);

    Await.until(WAIT, () -> states.contains(ConnectionState.LOST), "LOST");
    Await.until(WAIT, () -> states.contains(ConnectionState.RECONNECTED), "RECONNECTED");
    assertNotEquals(before, client.getZookeeperClient().getZooKeeper().getSessionId());
    assertNull(client.checkExists().forPath("/eph-expire"));
  }

  @Test
  void dropConnectionsKeepsTheSession() throws Exception {
    CuratorFramework client = connected();
    long before = client.getZookeeperClient().getZooKeeper().getSessionId();
    client.create().withMode(CreateMode.EPHEMERAL).forPath("/eph-drop");
    List<ConnectionState> states = record(client);

    zk.dropConnections();

    Await.until(WAIT, () -> states.contains(ConnectionState.RECONNECTED), "RECONNECTED");
    // The first CONNECTED may still be on its way to a listener added right after connecting.
    assertTrue(
        states.indexOf(ConnectionState.SUSPENDED) >= 0
            && states.indexOf(ConnectionState.SUSPENDED)
                < states.indexOf(ConnectionState.RECONNECTED),
        "SUSPENDED before RECONNECTED: " + states);
    assertTrue(!states.contains(ConnectionState.LOST), "no LOST: " + states);
    assertEquals(before, client.getZookeeperClient().getZooKeeper().getSessionId());
    assertNotNull(client.checkExists().forPath("/eph-drop"));
  }

  @Test
  void stopAndRestartKeepDataAndSession() throws Exception {
    CuratorFramework client = connected();
    long before = client.getZookeeperClient().getZooKeeper().getSessionId();
    client.create().forPath("/persistent-stop", new byte[] {1});
    List<ConnectionState> states = record(client);

    zk.stop();
    Await.until(WAIT, () -> states.contains(ConnectionState.SUSPENDED), "SUSPENDED");
    zk.restart();

    Await.until(WAIT, () -> states.contains(ConnectionState.RECONNECTED), "RECONNECTED");
    assertEquals(1, client.getData().forPath("/persistent-stop")[0]);
    assertEquals(before, client.getZookeeperClient().getZooKeeper().getSessionId());
  }

  @Test
  void countsWatchesOnTheServer() throws Exception {
    CuratorFramework client = connected();
    client.create().forPath("/watched");
    assertEquals(0, zk.watchersOf("/watched"));
    client
        .watchers()
        .add()
        .withMode(AddWatchMode.PERSISTENT)
        .usingWatcher((Watcher) event -> {})
        .forPath("/watched");
    assertEquals(1, zk.watchersOf("/watched"));
    assertTrue(zk.watchCount() >= 1);
    client.close();
    Await.until(WAIT, () -> zk.watchersOf("/watched") == 0, "the closed session's watch gone");
  }

  @Test
  void rejectsEnsemblesOfOne() {
    assertThrows(IllegalArgumentException.class, () -> ZooKeeperExtension.ensemble(1));
  }

  @Test
  void awaitFailsWithTheDescriptionWhenTheDeadlinePasses() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Await.until(Duration.ofMillis(50), () -> false, "a condition that never holds"));
    assertTrue(e.getMessage().contains("a condition that never holds"));
  }
}
