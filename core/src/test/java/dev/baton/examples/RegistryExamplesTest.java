package dev.baton.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.registry.Registration;
import dev.baton.registry.ServiceView;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the registry's javadoc examples against a real server. */
class RegistryExamplesTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void registryExamplesWork() throws Exception {
    Coordinator coord =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("examples").build());
    assertTrue(coord.awaitConnected(Duration.ofSeconds(20)));
    RegistryExample example = new RegistryExample();

    Registration me = example.registerAndPick(coord);
    assertEquals(List.of("10.0.0.7:4141"), example.sent);
    assertEquals("eu-west-1a", RegistryExample.collector().metadata().get("zone"));
    assertEquals(me.instance(), example.ownerOf(coord, "customer-17"));

    ServiceView view = coord.registry().watch("collector");
    example.sendWithErrorReports(view);
    assertEquals(2, example.sent.size());
    assertEquals(me.instance(), RegistryExample.strictSelector(view).select().orElseThrow());
  }
}
