package dev.baton.registry;

import static dev.baton.registry.ServiceRegistryTest.collector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 3-member ensemble loses the member a client is connected to: the registry carries on. */
class RegistryEnsembleTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.ensemble(3);

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Coordinator connect() throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace("ensemble")
                    .sessionTimeout(Duration.ofSeconds(6))
                    .connectionTimeout(Duration.ofSeconds(2))
                    .build());
    assertTrue(coord.awaitConnected(WAIT));
    return coord;
  }

  private static List<String> ids(ServiceView view) {
    return view.instances().stream().map(ServiceInstance::id).toList();
  }

  @Test
  void registrationsAndViewsRecoverWhenTheConnectedMemberIsKilled() throws Exception {
    Coordinator registrant = connect();
    Coordinator client = connect();
    Registration first = registrant.registry().register(collector("first"));
    ServiceView view = client.registry().watch("collector");
    ViewEvents events = new ViewEvents();
    view.addListener(events);
    assertTrue(view.awaitInstances(1, WAIT));
    long session = registrant.sessionId();
    Stat before = registrant.curator().checkExists().forPath("/services/collector/first");

    int registrantMember = zk.connectedServer(registrant.curator());
    zk.killServer(registrantMember);

    // Curator retries the write until a surviving member takes the session over.
    Registration second = registrant.registry().register(collector("second"));
    Await.until(WAIT, () -> ids(view).equals(List.of("first", "second")), "both visible");
    assertEquals(session, registrant.sessionId(), "the session moved, it did not expire");
    assertNotEquals(registrantMember, zk.connectedServer(registrant.curator()));
    Stat after = registrant.curator().checkExists().forPath("/services/collector/first");
    assertEquals(before.getCzxid(), after.getCzxid(), "the first node was never re-created");
    assertTrue(first.isRegistered());

    // Now the member the view's client uses goes (after the first one is back).
    zk.restartServer(registrantMember);
    int clientMember = zk.connectedServer(client.curator());
    zk.killServer(clientMember);
    first.update(InstanceStatus.DRAINING);
    second.close();
    Await.until(WAIT, () -> ids(view).isEmpty(), "the view follows after failing over");
    assertEquals(List.of("first"), view.allInstances().stream().map(ServiceInstance::id).toList());
    assertEquals("+second", events.events.get(0));
    assertTrue(events.events.contains("~first") && events.events.contains("-second"));
    assertTrue(
        events.events.stream().noneMatch(e -> e.equals("-first") || e.equals("+first")),
        "first never removed nor re-added: " + events.events);
  }
}
