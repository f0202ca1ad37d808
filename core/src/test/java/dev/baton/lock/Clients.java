package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;

/** Connected coordinators for lock tests, closed by the extension after each test. */
final class Clients {
  static final Duration WAIT = Duration.ofSeconds(20);

  private Clients() {}

  static Coordinator connect(ZooKeeperExtension zk) throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace("test/locks")
                    .sessionTimeout(zk.sessionTimeout())
                    .connectionTimeout(Duration.ofSeconds(2))
                    .build());
    assertTrue(coord.awaitConnected(WAIT), "connected");
    return coord;
  }
}
