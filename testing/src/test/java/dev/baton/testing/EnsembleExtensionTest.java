package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EnsembleExtensionTest {
  // Registered on an instance field: every test gets a fresh ensemble.
  @RegisterExtension ZooKeeperExtension zk = ZooKeeperExtension.ensemble(3);

  private static Properties before;

  @BeforeAll
  static void snapshotProperties() {
    before = (Properties) System.getProperties().clone();
  }

  @AfterAll
  static void noSystemPropertyLeaks() {
    assertEquals(before, System.getProperties(), "the ensemble left JVM-wide properties changed");
  }

  @Test
  void clientsMoveToASurvivingMemberWhenTheirMemberIsKilled() throws Exception {
    assertEquals(3, zk.size());
    CuratorFramework client = zk.newCurator();
    assertTrue(client.blockUntilConnected(30, TimeUnit.SECONDS));
    long session = client.getZookeeperClient().getZooKeeper().getSessionId();
    int member = zk.connectedServer(client);

    zk.killServer(member);
    client.create().forPath("/written-after-kill", new byte[] {3});

    assertNotEquals(member, zk.connectedServer(client));
    assertEquals(session, client.getZookeeperClient().getZooKeeper().getSessionId());
    zk.restartServer(member);
    assertEquals(3, client.getData().forPath("/written-after-kill")[0]);
  }
}
