package dev.baton.registry;

import static dev.baton.TestCoordinators.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registrations and views against a real standalone server: the everyday paths. */
class ServiceRegistryTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  static final Duration WAIT = Duration.ofSeconds(20);

  static ServiceInstance collector(String id) {
    return ServiceInstance.builder("collector")
        .id(id)
        .host("10.0.0." + id.length())
        .port(4141)
        .build();
  }

  @Test
  void registerUpdateDeregisterAreVisibleToAnotherClientsViewAsExactEvents() throws Exception {
    Coordinator server = connect(zk, "t1");
    Coordinator client = connect(zk, "t1");
    // Watching before the service exists at all.
    ServiceView view = client.registry().watch("collector");
    assertEquals(List.of(), view.allInstances());
    ViewEvents events = new ViewEvents();
    view.addListener(events);

    Registration a = server.registry().register(collector("a"));
    Registration b = server.registry().register(collector("b"));
    assertTrue(view.awaitInstances(2, WAIT));
    assertEquals(List.of("a", "b"), view.instances().stream().map(ServiceInstance::id).toList());
    assertEquals(collector("a").host(), view.instance("a").orElseThrow().host());

    a.update(InstanceStatus.DRAINING);
    Await.until(WAIT, () -> events.events.contains("~a"), "update of a seen");
    assertEquals(List.of("b"), view.instances().stream().map(ServiceInstance::id).toList());
    assertEquals(2, view.allInstances().size());
    assertEquals(
        List.of("a"),
        view.instances(i -> i.status() == InstanceStatus.DRAINING).stream()
            .map(ServiceInstance::id)
            .toList());
    b.update(Map.of("zone", "eu-1a"));
    Await.until(WAIT, () -> events.events.contains("~b"), "metadata update of b seen");
    assertEquals("eu-1a", view.instance("b").orElseThrow().metadata().get("zone"));

    a.close();
    Await.until(WAIT, () -> events.events.contains("-a"), "deregistration of a seen");
    assertFalse(a.isRegistered());
    assertEquals(List.of("+a", "+b", "~a", "~b", "-a"), events.events);
    // Each change arrived as one exact call: one instance in one list.
    for (List<List<ServiceInstance>> call : events.calls) {
      assertEquals(1, call.stream().mapToInt(List::size).sum(), "one instance per call: " + call);
    }
    assertNull(server.curator().checkExists().forPath("/services/collector/a"));
    assertEquals(List.of("collector"), client.registry().services());
  }

  @Test
  void duplicateIdOfAnotherLiveSessionFailsClearlyAndWritesNothing() throws Exception {
    Coordinator first = connect(zk, "t2");
    Coordinator second = connect(zk, "t2");
    first.registry().register(collector("same"));
    Stat before = first.curator().checkExists().forPath("/services/collector/same");

    InstanceConflictException e =
        assertThrows(
            InstanceConflictException.class,
            () -> second.registry().register(collector("same").withStatus(InstanceStatus.DOWN)));
    String owner = "0x" + Long.toHexString(first.sessionId());
    assertTrue(e.getMessage().contains(owner), e.getMessage());
    assertTrue(e.getMessage().contains("instance same of service collector"), e.getMessage());
    assertEquals(first.sessionId(), e.ownerSessionId());
    Stat after = first.curator().checkExists().forPath("/services/collector/same");
    assertEquals(before.getMzxid(), after.getMzxid(), "the existing node is untouched");
    // The same coordinator cannot open two registrations of one id either.
    assertThrows(IllegalStateException.class, () -> first.registry().register(collector("same")));
  }

  @Test
  void badInputFailsBeforeAnythingIsWritten() throws Exception {
    Coordinator coord = connect(zk, "t3");
    assertThrows(IllegalArgumentException.class, () -> coord.registry().watch("no/slash"));
    assertThrows(IllegalArgumentException.class, () -> coord.registry().watch(".."));
    assertThrows(
        IllegalArgumentException.class,
        () -> ServiceInstance.builder("collector").host("h").port(70_000));
    assertThrows(
        IllegalArgumentException.class,
        () -> collector("x").withMetadata(Map.of("blob", "z".repeat(5_000))));
    ServiceInstance ok = collector("ok");
    Registration r = coord.registry().register(ok);
    assertThrows(IllegalArgumentException.class, () -> r.update(Map.of("blob", "z".repeat(5_000))));
    assertEquals(ok, r.instance(), "a rejected update changes nothing");
    assertEquals(
        ok,
        InstanceCodec.decode(
            "collector", "ok", coord.curator().getData().forPath("/services/collector/ok")));
    assertEquals(List.of("ok"), coord.curator().getChildren().forPath("/services/collector"));
    assertEquals(List.of("collector"), coord.registry().services());
  }

  @Test
  void viewIgnoresNodesThatAreNotValidInstances() throws Exception {
    Coordinator coord = connect(zk, "t4");
    coord
        .curator()
        .create()
        .creatingParentsIfNeeded()
        .withMode(CreateMode.EPHEMERAL)
        .forPath("/services/collector/garbage", "not json".getBytes());
    ServiceView view = coord.registry().watch("collector");
    coord.registry().register(collector("good"));
    assertTrue(view.awaitInstances(1, WAIT));
    assertEquals(List.of("good"), view.allInstances().stream().map(ServiceInstance::id).toList());
  }

  private static org.apache.curator.framework.CuratorFramework untrackedCurator()
      throws InterruptedException {
    org.apache.curator.framework.CuratorFramework c =
        zk.connect(
            cs ->
                org.apache.curator.framework.CuratorFrameworkFactory.builder()
                    .connectString(cs)
                    .namespace("t5")
                    .sessionTimeoutMs((int) zk.sessionTimeout().toMillis())
                    .retryPolicy(new org.apache.curator.retry.RetryOneTime(100))
                    .ensembleTracker(false)
                    .build());
    c.start();
    assertTrue(c.blockUntilConnected(20, java.util.concurrent.TimeUnit.SECONDS));
    return c;
  }

  @Test
  void closingAViewRemovesItsWatchAndClosingTheCoordinatorRemovesEverything() throws Exception {
    // Curator's ensemble tracker sets a watch of its own per client: off here, to count exactly.
    Coordinator watcher = Coordinator.wrap(untrackedCurator());
    Coordinator registrant = Coordinator.wrap(untrackedCurator());
    Await.until(WAIT, () -> zk.watchCount() == 0, "no watch before the views");
    long baseline = 0;
    ServiceView view = watcher.registry().watch("collector");
    Await.until(WAIT, () -> zk.watchCount() == baseline + 1, "one persistent watch per view");
    // Server watches are per connection and path: a second view of one coordinator adds none,
    // and closing it must not take the first view's watch away.
    ServiceView second = watcher.registry().watch("collector");
    second.close();
    second.close(); // idempotent
    ServiceView other = registrant.registry().watch("collector");
    Await.until(WAIT, () -> zk.watchCount() == baseline + 2, "another coordinator's watch");
    other.close();
    Await.until(WAIT, () -> zk.watchCount() == baseline + 1, "closed view's watch removed");

    registrant.registry().register(collector("r"));
    assertTrue(view.awaitInstances(1, WAIT));
    registrant.close();
    Await.until(WAIT, () -> view.instances().isEmpty(), "instance deregistered on close");
    watcher.close();
    Await.until(WAIT, () -> zk.watchCount() == baseline, "no watch left behind");
    Await.until(
        WAIT,
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("baton-registry")),
        "registry threads stopped");
    assertFalse(view.awaitInstances(1, Duration.ZERO));
  }
}
