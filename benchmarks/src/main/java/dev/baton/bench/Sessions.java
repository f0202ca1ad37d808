package dev.baton.bench;

import dev.baton.Coordinator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * Opens client sessions for benchmarks. Every session is a separate ZooKeeper connection with its
 * own threads, as a separate process would have; the benchmarks compare variants over sessions
 * opened the same way.
 */
final class Sessions {
  /** Generous: a benchmark that cannot connect in this time has nothing to measure. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Long enough that a busy 2-core machine never expires a benchmark session by accident. */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);

  private Sessions() {}

  /** A connected Baton coordinator: its Curator client serves the Curator anchors too. */
  static Coordinator coordinator(String connectString) throws InterruptedException {
    Coordinator coord =
        Coordinator.builder().connectString(connectString).sessionTimeout(SESSION_TIMEOUT).build();
    if (!coord.awaitConnected(CONNECT_TIMEOUT)) {
      coord.close();
      throw new IllegalStateException("no ZooKeeper session with " + connectString);
    }
    return coord;
  }

  /** A connected raw ZooKeeper handle, for the raw anchors. */
  static ZooKeeper zooKeeper(String connectString) throws InterruptedException {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk;
    try {
      zk =
          new ZooKeeper(
              connectString,
              (int) SESSION_TIMEOUT.toMillis(),
              event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                  connected.countDown();
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a ZooKeeper client to " + connectString, e);
    }
    if (!connected.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      zk.close();
      throw new IllegalStateException("no ZooKeeper session with " + connectString);
    }
    return zk;
  }
}
