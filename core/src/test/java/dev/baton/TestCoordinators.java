package dev.baton;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;

/**
 * Connected coordinators for core's tests, with the extension's short test session, closed by the
 * extension after each test. One place, so every recipe's tests connect the same way.
 */
public final class TestCoordinators {
  /** How long a test waits for anything asynchronous. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private TestCoordinators() {}

  /**
   * A connected coordinator on the extension's server, in {@code namespace}.
   *
   * @param zk the extension
   * @param namespace the namespace
   * @return the coordinator
   * @throws InterruptedException if interrupted while connecting
   */
  public static Coordinator connect(ZooKeeperExtension zk, String namespace)
      throws InterruptedException {
    return connectVia(zk, zk.connectString(), namespace);
  }

  /**
   * A connected coordinator reaching the server through {@code connectString}, e.g. a {@code
   * NetworkPartition}'s.
   *
   * @param zk the extension, which closes the coordinator after the test
   * @param connectString where to connect
   * @param namespace the namespace
   * @return the coordinator
   * @throws InterruptedException if interrupted while connecting
   */
  public static Coordinator connectVia(
      ZooKeeperExtension zk, String connectString, String namespace) throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(connectString)
                    .namespace(namespace)
                    .sessionTimeout(zk.sessionTimeout())
                    .connectionTimeout(Duration.ofSeconds(1))
                    .build());
    assertTrue(coord.awaitConnected(WAIT), "connected to " + connectString);
    return coord;
  }
}
