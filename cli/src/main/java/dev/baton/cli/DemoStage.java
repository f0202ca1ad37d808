package dev.baton.cli;

import dev.baton.Coordinator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** What every demo act gets: the embedded server's address, fresh coordinators and the output. */
final class DemoStage implements AutoCloseable {
  static final Duration CONNECT_WAIT = Duration.ofSeconds(20);

  private final String connectString;
  private final PrintStream out;
  private final Deque<Coordinator> opened = new ArrayDeque<>();

  DemoStage(String connectString, PrintStream out) {
    this.connectString = connectString;
    this.out = out;
  }

  String connectString() {
    return connectString;
  }

  /**
   * A new coordinator (its own session) in the demo's namespace, connected, closed with the stage.
   */
  Coordinator coordinator(String role) throws InterruptedException {
    Coordinator coord =
        Coordinator.builder()
            .connectString(connectString)
            .namespace("demo")
            .sessionTimeout(Duration.ofSeconds(3))
            .connectionTimeout(Duration.ofSeconds(2))
            .build();
    opened.push(coord);
    if (!coord.awaitConnected(CONNECT_WAIT)) {
      throw new IllegalStateException(role + " could not connect to " + connectString);
    }
    return coord;
  }

  /**
   * Expires {@code coord}'s session on the server, as if its process had gone silent: a second
   * handle joins the session with its id and password and closes it, which ends the session for
   * good (its ephemeral nodes are deleted). The coordinator then hears LOST and opens a new one.
   */
  void expireSession(Coordinator coord) throws Exception {
    org.apache.zookeeper.ZooKeeper zk = coord.curator().getZookeeperClient().getZooKeeper();
    java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
    org.apache.zookeeper.ZooKeeper killer =
        new org.apache.zookeeper.ZooKeeper(
            connectString,
            zk.getSessionTimeout(),
            event -> {
              if (event.getState()
                  == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                joined.countDown();
              }
            },
            zk.getSessionId(),
            zk.getSessionPasswd());
    try {
      if (!joined.await(CONNECT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("could not join the session to expire it");
      }
    } finally {
      killer.close();
    }
  }

  void say(String format, Object... args) {
    out.println("  " + String.format(format, args));
  }

  @Override
  public void close() {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
  }
}
