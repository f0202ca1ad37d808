package dev.baton.registry;

import static dev.baton.TestCoordinators.connect;
import static dev.baton.registry.ServiceRegistryTest.WAIT;
import static dev.baton.registry.ServiceRegistryTest.collector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionEvent;
import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registrations and views through session expiry, dropped connections and killed processes. */
class RegistryFaultTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static Stat stat(Coordinator coord, String path) throws Exception {
    return coord.curator().checkExists().forPath(path);
  }

  @Test
  void afterSessionExpiryTheInstanceDisappearsAndComesBackByItself() throws Exception {
    Coordinator registrant = connect(zk, "f1");
    Coordinator client = connect(zk, "f1");
    Registration r = registrant.registry().register(collector("c1"));
    RegistrationEvents heard = new RegistrationEvents();
    r.addListener(heard);
    ServiceView view = client.registry().watch("collector");
    ViewEvents events = new ViewEvents();
    view.addListener(events);
    assertTrue(view.awaitInstances(1, WAIT));
    long oldSession = registrant.sessionId();

    zk.expireSession(registrant.curator());

    Await.until(WAIT, () -> heard.events.contains("reregistered"), "re-registered by itself");
    Await.until(WAIT, () -> events.events.contains("+c1"), "view saw it come back");
    assertEquals(List.of("lost", "reregistered"), heard.events);
    assertEquals(List.of("-c1", "+c1"), events.events, "gone, then back: nothing else");
    assertEquals(List.of("c1"), view.instances().stream().map(ServiceInstance::id).toList());
    assertTrue(r.isRegistered());
    long newSession = registrant.sessionId();
    assertNotEquals(oldSession, newSession);
    assertEquals(newSession, stat(client, "/services/collector/c1").getEphemeralOwner());
    // Updates keep working in the new session, in place.
    r.update(InstanceStatus.DRAINING);
    Await.until(WAIT, () -> view.instances().isEmpty(), "DRAINING is not offered");
    assertEquals(List.of("-c1", "+c1", "~c1"), events.events);
  }

  @Test
  void aNodeAlreadyBackInTheNewSessionIsStillReportedAsReRegisteredOnce() throws Exception {
    Coordinator registrant = connect(zk, "f6");
    Registration r = registrant.registry().register(collector("c1"));
    RegistrationEvents heard = new RegistrationEvents();
    r.addListener(heard);
    CountDownLatch lost = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    r.addListener(
        new RegistrationListener() {
          @Override
          public void onLost(ServiceInstance instance) {
            lost.countDown();
            try {
              // Holds the registry's thread, so the re-registration runs after the node is back.
              proceed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });

    zk.expireSession(registrant.curator());
    assertTrue(lost.await(20, TimeUnit.SECONDS));
    Await.until(WAIT, () -> registrant.curator().getZookeeperClient().isConnected(), "new session");
    // What a re-registration leaves when its create lands but the answer does not (a connection
    // loss retried by Curator, or an attempt interrupted by a newer one): the node is back, owned
    // by the new session, and the attempt that next looks finds it already in place.
    registrant
        .curator()
        .create()
        .creatingParentContainersIfNeeded()
        .withMode(CreateMode.EPHEMERAL)
        .forPath("/services/collector/c1", InstanceCodec.encode(collector("c1")));
    proceed.countDown();

    Await.until(WAIT, () -> heard.events.contains("reregistered"), "the return is reported");
    assertTrue(r.isRegistered());
    assertEquals(
        registrant.sessionId(), stat(registrant, "/services/collector/c1").getEphemeralOwner());
    // Reported once: a later write that finds the node in place reports nothing more.
    r.update(Map.of("marker", "1"));
    assertEquals(List.of("lost", "reregistered"), heard.events);
  }

  @Test
  void aDroppedConnectionCausesNoChurnForWatchers() throws Exception {
    Coordinator registrant = connect(zk, "f2");
    Coordinator client = connect(zk, "f2");
    Registration r = registrant.registry().register(collector("c1"));
    RegistrationEvents heard = new RegistrationEvents();
    r.addListener(heard);
    ServiceView view = client.registry().watch("collector");
    ViewEvents events = new ViewEvents();
    view.addListener(events);
    assertTrue(view.awaitInstances(1, WAIT));
    Stat before = stat(client, "/services/collector/c1");
    long session = registrant.sessionId();
    List<ConnectionEvent> registrantStates = new CopyOnWriteArrayList<>();
    registrant.addConnectionListener(registrantStates::add);

    zk.dropConnections();

    Await.until(
        WAIT,
        () -> registrantStates.stream().anyMatch(e -> e.state() == ConnectionState.RECONNECTED),
        "registrant reconnected");
    Await.until(WAIT, () -> events.resyncs.get() >= 1, "view re-read the service");
    // A marker write after the reconnect: the only change watchers may see is this one.
    r.update(Map.of("marker", "1"));
    Await.until(WAIT, () -> events.events.contains("~c1"), "marker update seen");
    assertEquals(List.of("~c1"), events.events, "no remove/add around the reconnect");
    assertEquals(List.of(), heard.events, "no loss, no re-registration");
    Stat after = stat(client, "/services/collector/c1");
    assertEquals(before.getCzxid(), after.getCzxid(), "the node was never re-created");
    assertEquals(session, registrant.sessionId());
    assertEquals(session, after.getEphemeralOwner());
  }

  @Test
  void aKilledProcessDisappearsFromViewsWithinTheSessionTimeout() throws Exception {
    Coordinator client = connect(zk, "f3");
    ServiceView view = client.registry().watch("collector");
    NetworkPartition proxy = zk.partition();
    // The "process": a coordinator that reaches ZooKeeper only through the proxy.
    Coordinator doomed = viaProxy(proxy, "f3");
    doomed.registry().register(collector("doomed"));
    client.registry().register(collector("survivor"));
    assertTrue(view.awaitInstances(2, WAIT));
    CountDownLatch removed = new CountDownLatch(1);
    view.addListener(
        (added, gone, updated) -> {
          if (gone.stream().anyMatch(i -> i.id().equals("doomed"))) {
            removed.countDown();
          }
        });

    proxy.isolate(); // no close, no goodbye: the server only notices the silence

    // The server expires the session after its timeout; a few ticks of slack for a busy machine.
    Duration deadline = zk.sessionTimeout().multipliedBy(3);
    assertTrue(removed.await(deadline.toMillis(), TimeUnit.MILLISECONDS), "removed from the view");
    assertEquals(List.of("survivor"), view.instances().stream().map(ServiceInstance::id).toList());
  }

  @Test
  void aNodeLeftByThisClientsOwnExpiredSessionIsReplacedNotAConflict() throws Exception {
    NetworkPartition proxy = zk.partition();
    Coordinator registrant = viaProxy(proxy, "f4");
    Coordinator client = connect(zk, "f4");
    Registration r = registrant.registry().register(collector("c1"));
    RegistrationEvents heard = new RegistrationEvents();
    r.addListener(heard);
    ServiceView view = client.registry().watch("collector");
    ViewEvents events = new ViewEvents();
    view.addListener(events);
    assertTrue(view.awaitInstances(1, WAIT));

    // The registrant is cut off; its session (and node) stays alive on the server, held by a raw
    // handle that joins it. Curator gives the session up on its own once the session timeout has
    // passed without a connection (LOST), as it would after a long pause or partition, and opens
    // a new session when it can connect again. The old node is then this client's own leftover.
    ZooKeeper handle = registrant.curator().getZookeeperClient().getZooKeeper();
    long oldSession = handle.getSessionId();
    byte[] password = handle.getSessionPasswd();
    proxy.isolate();
    CountDownLatch joined = new CountDownLatch(1);
    Watcher onConnect =
        e -> {
          if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
            joined.countDown();
          }
        };
    ZooKeeper holder =
        zk.connect(
            cs -> {
              try {
                return new ZooKeeper(cs, 3_000, onConnect, oldSession, password);
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(joined.await(20, TimeUnit.SECONDS), "joined the old session");
    Await.until(WAIT, () -> heard.events.contains("lost"), "the registrant gave its session up");
    proxy.heal();

    Await.until(WAIT, () -> heard.events.contains("reregistered"), "re-registered");
    assertFalse(heard.events.stream().anyMatch(e -> e.startsWith("failed")), "" + heard.events);
    long newSession = registrant.sessionId();
    assertNotEquals(oldSession, newSession);
    Stat now = stat(client, "/services/collector/c1");
    assertEquals(newSession, now.getEphemeralOwner(), "replaced: owned by the new session");
    assertEquals(ZooKeeper.States.CONNECTED, holder.getState(), "the old session still lives");
    Await.until(WAIT, () -> events.events.contains("~c1"), "view saw the replacement");
    assertEquals(List.of("~c1"), events.events, "replaced in one transaction: one update");
    assertEquals(List.of("c1"), view.instances().stream().map(ServiceInstance::id).toList());
  }

  @Test
  void reRegistrationFailuresAreRetriedAndReported() throws Exception {
    Coordinator registrant = connect(zk, "f5");
    Coordinator intruder = connect(zk, "f5");
    Registration r = registrant.registry().register(collector("c1"));
    RegistrationEvents heard = new RegistrationEvents();
    r.addListener(heard);
    // While the registrant's session is being replaced, another live session takes the id.
    CountDownLatch lost = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    r.addListener(
        new RegistrationListener() {
          @Override
          public void onLost(ServiceInstance instance) {
            lost.countDown();
            try {
              // Holds the registry's thread until the intruder's node is in place.
              proceed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });

    zk.expireSession(registrant.curator());
    assertTrue(lost.await(20, TimeUnit.SECONDS));
    Await.until(WAIT, () -> registrant.curator().getZookeeperClient().isConnected(), "new session");
    intruder
        .curator()
        .create()
        .creatingParentContainersIfNeeded()
        .withMode(CreateMode.EPHEMERAL)
        .forPath("/services/collector/c1", InstanceCodec.encode(collector("c1")));
    proceed.countDown();

    Await.until(WAIT, () -> heard.failures.size() >= 2, "two failed attempts reported");
    assertTrue(heard.failures.get(0) instanceof InstanceConflictException, heard.failures + "");
    assertEquals(
        intruder.sessionId(), ((InstanceConflictException) heard.failures.get(0)).ownerSessionId());
    assertEquals(List.of("lost", "failed#1", "failed#2"), heard.events.subList(0, 3));
    assertFalse(r.isRegistered());

    intruder.close(); // its node goes; the next retry succeeds
    Await.until(WAIT, () -> heard.events.contains("reregistered"), "re-registered after retries");
    assertTrue(r.isRegistered());
    assertEquals(
        registrant.sessionId(), stat(registrant, "/services/collector/c1").getEphemeralOwner());
  }

  private static Coordinator viaProxy(NetworkPartition proxy, String namespace)
      throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(proxy.connectString())
                    .namespace(namespace)
                    .sessionTimeout(zk.sessionTimeout())
                    .connectionTimeout(Duration.ofSeconds(1))
                    .retryPolicy(new RetryOneTime(100))
                    .build());
    assertTrue(coord.awaitConnected(WAIT));
    return coord;
  }
}
