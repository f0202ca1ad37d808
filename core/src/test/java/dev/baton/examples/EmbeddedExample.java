package dev.baton.examples;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.config.ConfigWatcher;
import dev.baton.embedded.EmbeddedZooKeeper;
import java.time.Duration;

/**
 * The examples in {@link EmbeddedZooKeeper}'s javadoc and in the guide's "Embedded servers",
 * compiled so that they cannot rot.
 */
final class EmbeddedExample {
  static void run() throws InterruptedException {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().start();
        Coordinator coord = Coordinator.builder().connectString(zk.connectString()).build()) {
      coord.awaitConnected(Duration.ofSeconds(10));
    }
  }

  /** Several coordinators on one embedded server: start it once, hand its address around. */
  static int shared() throws InterruptedException {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().start()) {
      String address = zk.connectString();
      try (Coordinator operator = Coordinator.builder().connectString(address).build();
          Coordinator worker = Coordinator.builder().connectString(address).build()) {
        ConfigWatcher<Integer> batch = worker.config("batch", Codecs.ofInt()).watch();
        operator.configs().put("batch", Codecs.ofInt(), 500);
        batch.awaitVersion(0, Duration.ofSeconds(10));
        return batch.get();
      } // coordinators first, then the server
    }
  }

  /** One coordinator on its own private server, stopped when the coordinator closes. */
  static boolean ownServer() throws InterruptedException {
    try (Coordinator coord = Coordinator.builder().embedded().build()) {
      return coord.awaitConnected(Duration.ofSeconds(10));
    }
  }

  private EmbeddedExample() {}
}
