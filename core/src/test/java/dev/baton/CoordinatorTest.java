package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoordinatorTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private Coordinator connect() throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace("test/coordinator")
                    .sessionTimeout(zk.sessionTimeout())
                    .connectionTimeout(Duration.ofSeconds(2))
                    .build());
    assertTrue(coord.awaitConnected(WAIT), "connected");
    return coord;
  }

  @Test
  void connectsAndWritesUnderItsNamespace() throws Exception {
    Coordinator coord = connect();
    assertEquals(ConnectionState.CONNECTED, coord.connectionState());
    assertNotEquals(0, coord.sessionId());
    assertEquals("test/coordinator", coord.namespace());
    coord.curator().create().creatingParentsIfNeeded().forPath("/hello", new byte[] {1});
    assertTrue(
        zk.newCurator().checkExists().forPath("/test/coordinator/hello") != null,
        "node under the namespace");
  }

  @Test
  void droppedConnectionKeepsTheSession() throws Exception {
    Coordinator coord = connect();
    long session = coord.sessionId();
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    coord.addConnectionListener(events::add);

    zk.dropConnections();

    Await.until(
        WAIT,
        () -> events.stream().anyMatch(e -> e.state() == ConnectionState.RECONNECTED),
        "RECONNECTED after dropped connections");
    // The first CONNECTED may still be on its way to a listener added right after connecting.
    int suspended = indexOf(events, ConnectionState.SUSPENDED);
    assertTrue(
        suspended >= 0 && suspended < indexOf(events, ConnectionState.RECONNECTED),
        "SUSPENDED before RECONNECTED: " + events);
    assertEquals(-1, indexOf(events, ConnectionState.LOST), "no LOST: " + events);
    ConnectionEvent reconnected =
        events.stream().filter(e -> e.state() == ConnectionState.RECONNECTED).findFirst().get();
    assertEquals(session, reconnected.sessionId(), "same session after a dropped connection");
    assertTrue(!reconnected.newSession());
    assertEquals(session, coord.sessionId());
  }

  @Test
  void expiredSessionIsReportedLostThenANewSessionFollows() throws Exception {
    Coordinator coord = connect();
    long session = coord.sessionId();
    coord
        .curator()
        .create()
        .creatingParentsIfNeeded()
        .withMode(CreateMode.EPHEMERAL)
        .forPath("/ephemeral");
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    coord.addConnectionListener(events::add);

    zk.expireSession(coord.curator());

    Await.until(
        WAIT,
        () ->
            events.stream()
                .anyMatch(e -> e.state() == ConnectionState.RECONNECTED && e.newSession()),
        "RECONNECTED with a new session after expiry");
    assertTrue(
        events.stream().anyMatch(e -> e.state() == ConnectionState.LOST),
        "LOST reported: " + events);
    int lost = indexOf(events, ConnectionState.LOST);
    int reconnected = indexOf(events, ConnectionState.RECONNECTED);
    assertTrue(lost < reconnected, "LOST before RECONNECTED: " + events);
    assertNotEquals(session, coord.sessionId());
    assertEquals(
        null, coord.curator().checkExists().forPath("/ephemeral"), "old session's node gone");
  }

  @Test
  void closeLeavesNoBatonOrCuratorThreads() throws Exception {
    Coordinator coord =
        Coordinator.builder()
            .connectString(zk.connectString())
            .sessionTimeout(zk.sessionTimeout())
            .connectionTimeout(Duration.ofSeconds(2))
            .build();
    assertTrue(coord.awaitConnected(WAIT));
    AutoCloseable resource = () -> {};
    coord.manage(resource);
    coord.close();
    coord.close(); // idempotent
    assertTrue(coord.isClosed());
    Await.until(WAIT, () -> ThreadCheck.clientThreads().isEmpty(), "client threads gone");
    assertThrows(IllegalStateException.class, () -> coord.manage(() -> {}));
  }

  @Test
  void closesManagedResourcesNewestFirst() throws Exception {
    Coordinator coord = connect();
    List<String> closed = new CopyOnWriteArrayList<>();
    coord.manage(() -> closed.add("first"));
    coord.manage(() -> closed.add("second"));
    AutoCloseable third = coord.manage(() -> closed.add("third"));
    assertTrue(coord.unmanage(third));
    coord.manage(
        () -> {
          throw new IllegalStateException("a failing resource does not stop the others");
        });
    coord.close();
    assertEquals(List.of("second", "first"), closed);
  }

  @Test
  void aWrappedConnectedClientsFirstReconnectIsNotANewSession() throws Exception {
    var client = zk.newCurator();
    assertTrue(client.blockUntilConnected(20, java.util.concurrent.TimeUnit.SECONDS));
    long session = client.getZookeeperClient().getZooKeeper().getSessionId();
    Coordinator coord = Coordinator.wrap(client);
    assertEquals(session, coord.sessionId());
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    coord.addConnectionListener(events::add);

    zk.dropConnections();

    Await.until(
        WAIT,
        () -> events.stream().anyMatch(e -> e.state() == ConnectionState.RECONNECTED),
        "RECONNECTED");
    ConnectionEvent suspended =
        events.stream().filter(e -> e.state() == ConnectionState.SUSPENDED).findFirst().get();
    assertEquals(session, suspended.sessionId(), "SUSPENDED names the session it concerns");
    ConnectionEvent reconnected =
        events.stream().filter(e -> e.state() == ConnectionState.RECONNECTED).findFirst().get();
    assertEquals(session, reconnected.sessionId());
    assertTrue(!reconnected.newSession(), "a plain reconnect of a wrapped client: " + events);
    coord.close();
  }

  @Test
  void wrapDoesNotCloseTheCallersClient() throws Exception {
    var client = zk.newCurator();
    Coordinator coord = Coordinator.wrap(client);
    coord.close();
    assertEquals(
        org.apache.curator.framework.imps.CuratorFrameworkState.STARTED, client.getState());
  }

  private static int indexOf(List<ConnectionEvent> events, ConnectionState state) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).state() == state) {
        return i;
      }
    }
    return -1;
  }
}
