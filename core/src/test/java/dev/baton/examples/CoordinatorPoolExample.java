package dev.baton.examples;

import dev.baton.Coordinator;
import dev.baton.CoordinatorPool;

/** The example in {@link CoordinatorPool}'s javadoc, compiled so that it cannot rot. */
final class CoordinatorPoolExample {
  record Settings(String connect, String namespace) {
    Coordinator build() {
      return Coordinator.builder().connectString(connect).namespace(namespace).build();
    }
  }

  static final CoordinatorPool POOL = CoordinatorPool.create();

  /** Returns whether both handles saw one coordinator, and whether it closed with the last. */
  static boolean run(String connectString) {
    Settings settings = new Settings(connectString, "pipelines/clickstream");
    Coordinator shared;
    boolean same;
    try (CoordinatorPool.Handle a = POOL.acquire(settings, settings::build);
        CoordinatorPool.Handle b = POOL.acquire(settings, settings::build)) {
      // a.coordinator() == b.coordinator(): one session for both
      shared = a.coordinator();
      same = shared == b.coordinator();
    } // the last handle closed: the coordinator closes
    return same && shared.isClosed();
  }

  private CoordinatorPoolExample() {}
}
