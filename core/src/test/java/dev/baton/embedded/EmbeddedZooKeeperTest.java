package dev.baton.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void servesStopsAndRestartsOnTheSameDataWithDataIntact(@TempDir Path dir) throws Exception {
    Properties before = (Properties) System.getProperties().clone();
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().dataDir(dir).start()) {
      int port = zk.port();
      try (Coordinator coord = client(zk)) {
        coord.curator().create().forPath("/kept", "value".getBytes());
      }
      zk.stop();
      assertFalse(zk.isRunning());
      zk.restart();
      assertEquals(port, zk.port());
      try (Coordinator coord = client(zk)) {
        assertArrayEquals("value".getBytes(), coord.curator().getData().forPath("/kept"));
      }
    }
    assertTrue(Files.exists(dir), "a given data dir is kept");
    assertEquals(before, System.getProperties(), "no JVM-wide property left changed");
  }

  @Test
  void coordinatorCanRunItsOwnEmbeddedServer() throws Exception {
    try (Coordinator coord = Coordinator.builder().embedded().namespace("demo").build()) {
      assertTrue(coord.awaitConnected(WAIT));
      coord.curator().create().creatingParentsIfNeeded().forPath("/x");
      assertTrue(coord.connectString().startsWith("127.0.0.1:"));
    }
  }

  private static Coordinator client(EmbeddedZooKeeper zk) throws InterruptedException {
    Coordinator coord = Coordinator.builder().connectString(zk.connectString()).build();
    assertTrue(coord.awaitConnected(WAIT));
    return coord;
  }
}
