package dev.baton.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the javadoc examples against a real server, so they are not only compiled but true. */
class ExamplesTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void coordinatorExample() throws Exception {
    CoordinatorExample.run(zk.connectString());
  }

  @Test
  void coordinatorPoolExample() {
    assertTrue(CoordinatorPoolExample.run(zk.connectString()), "shared, closed with the last");
  }

  @Test
  void embeddedExample() throws Exception {
    EmbeddedExample.run();
    assertEquals(500, EmbeddedExample.shared(), "the worker saw the operator's write");
    assertTrue(EmbeddedExample.ownServer());
  }
}
