package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.internal.Parts;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
    Parts.of(coord).manage(resource);
    coord.close();
    coord.close(); // idempotent
    assertTrue(coord.isClosed());
    Await.until(WAIT, () -> ThreadCheck.clientThreads().isEmpty(), "client threads gone");
    assertThrows(IllegalStateException.class, () -> Parts.of(coord).manage(() -> {}));
  }

  @Test
  void closesManagedResourcesNewestFirst() throws Exception {
    Coordinator coord = connect();
    List<String> closed = new CopyOnWriteArrayList<>();
    Parts.of(coord).manage(() -> closed.add("first"));
    Parts.of(coord).manage(() -> closed.add("second"));
    AutoCloseable third = Parts.of(coord).manage(() -> closed.add("third"));
    assertTrue(Parts.of(coord).unmanage(third));
    Parts.of(coord)
        .manage(
            () -> {
              throw new IllegalStateException("a failing resource does not stop the others");
            });
    coord.close();
    assertEquals(List.of("second", "first"), closed);
  }

  /** A shared part of one coordinator, counting its closes. */
  static final class Part implements AutoCloseable {
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void sharedPartsAreMadeOncePerCoordinatorAndClosedWithIt() throws Exception {
    Coordinator a = connect();
    Coordinator b = connect();
    Part ofA = Parts.of(a).shared(Part.class, Part::new);
    assertSame(ofA, Parts.of(a).shared(Part.class, Part::new), "made once per coordinator");
    Part ofB = Parts.of(b).shared(Part.class, Part::new);
    assertNotSame(ofA, ofB, "each coordinator has its own");
    a.close();
    assertEquals(1, ofA.closes.get(), "closed with its coordinator");
    assertEquals(0, ofB.closes.get());
    assertThrows(IllegalStateException.class, () -> Parts.of(a).shared(Part.class, Part::new));
    assertTrue(Parts.of(b).unmanage(ofB), "a part that closed on its own is forgotten");
    assertNotSame(ofB, Parts.of(b).shared(Part.class, Part::new), "and made again on next use");
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
