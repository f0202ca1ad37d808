package dev.baton.examples;

import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The example in {@link Coordinator}'s javadoc, compiled so that it cannot rot. */
final class CoordinatorExample {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorExample.class);

  static void run(String connectString) throws InterruptedException {
    try (Coordinator coord =
        Coordinator.builder()
            .connectString(connectString)
            .namespace("pipelines/clickstream")
            .sessionTimeout(Duration.ofSeconds(15))
            .build()) {
      coord.addConnectionListener(event -> log.info("ZooKeeper: {}", event.state()));
      if (!coord.awaitConnected(Duration.ofSeconds(30))) {
        throw new IllegalStateException("ZooKeeper unreachable");
      }
      if (coord.connectionState() != ConnectionState.CONNECTED) {
        throw new IllegalStateException("unexpected state " + coord.connectionState());
      }
    }
  }

  private CoordinatorExample() {}
}
