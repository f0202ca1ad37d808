package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuorumLinksTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static ZooKeeperExtension zk =
      ZooKeeperExtension.ensemble(
          EnsembleOptions.builder().tickTime(Duration.ofMillis(200)).syncLimit(5).build());

  @Test
  void anIsolatedFollowerLeavesTheQuorumSilentlyAndRejoinsOnceHealed() throws Exception {
    QuorumLinks links = zk.quorumLinks();
    // The whole ensemble, not a bare majority: cutting off the majority's only follower would
    // take the leader's quorum with it.
    int leader = links.awaitAllFollowing(WAIT);
    int follower = (leader + 1) % zk.size();
    CuratorFramework writer = connectTo(links.connectString(leader));
    CuratorFramework isolated = connectTo(links.connectString(follower));
    writer.create().forPath("/before", new byte[] {1});
    isolated.sync().forPath("/before");
    assertEquals(1, isolated.getData().forPath("/before")[0]);

    links.isolate(follower);
    writer.create().forPath("/during", new byte[] {2});
    // The cut follower is not told: it answers from its own, now stale, copy until it gives up.
    assertTrue(isolated.checkExists().forPath("/during") == null, "served from stale state");
    Await.until(WAIT, () -> links.mode(follower).equals("unavailable"), "the follower gave up");
    assertEquals(leader, links.awaitLeader(WAIT), "the majority keeps its leader");
    assertEquals("unavailable", links.mode(follower), "the cut member cannot rejoin");

    links.heal();
    Await.until(WAIT, () -> links.mode(follower).equals("follower"), "the follower rejoined");
    isolated.sync().forPath("/during");
    assertEquals(2, isolated.getData().forPath("/during")[0]);
  }

  private static CuratorFramework connectTo(String member) throws InterruptedException {
    CuratorFramework client =
        zk.connect(
            cs -> {
              CuratorFramework c =
                  CuratorFrameworkFactory.builder()
                      .connectString(member)
                      .sessionTimeoutMs(3000)
                      .connectionTimeoutMs(3000)
                      .retryPolicy(new RetryForever(50))
                      .build();
              c.start();
              return c;
            });
    assertTrue(client.blockUntilConnected(30, TimeUnit.SECONDS), "connected to " + member);
    return client;
  }

  @Test
  void optionsAreCheckedAndNameTheBadSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EnsembleOptions.builder().syncLimit(0).build());
    assertTrue(e.getMessage().contains("syncLimit"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> EnsembleOptions.builder().members(2).build());
    assertThrows(
        UnsupportedOperationException.class, () -> ZooKeeperExtension.standalone().quorumLinks());
  }
}
