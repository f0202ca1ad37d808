package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EnsembleCoordinatorTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.ensemble(3);

  @Test
  void keepsWorkingWhenTheConnectedMemberIsKilled() throws Exception {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .sessionTimeout(Duration.ofSeconds(6))
                    .connectionTimeout(Duration.ofSeconds(2))
                    .build());
    assertTrue(coord.awaitConnected(Duration.ofSeconds(30)));
    long session = coord.sessionId();
    coord.curator().create().forPath("/before", new byte[] {1});

    int member = zk.connectedServer(coord.curator());
    zk.killServer(member);

    // Curator retries the write until a surviving member takes the session.
    coord.curator().create().forPath("/after", new byte[] {2});
    assertTrue(coord.awaitConnected(Duration.ofSeconds(30)));
    assertEquals(session, coord.sessionId(), "the session moved to a surviving member");
    assertEquals(2, coord.curator().getData().forPath("/after")[0]);
    assertTrue(zk.connectedServer(coord.curator()) != member);
  }
}
