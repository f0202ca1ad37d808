package dev.baton.examples;

import dev.baton.Coordinator;
import dev.baton.embedded.EmbeddedZooKeeper;
import java.time.Duration;

/** The example in {@link EmbeddedZooKeeper}'s javadoc, compiled so that it cannot rot. */
final class EmbeddedExample {
  static void run() throws InterruptedException {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().start();
        Coordinator coord = Coordinator.builder().connectString(zk.connectString()).build()) {
      coord.awaitConnected(Duration.ofSeconds(10));
    }
  }

  private EmbeddedExample() {}
}
