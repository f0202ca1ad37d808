package dev.baton.election;

import dev.baton.ConnectionEvent;
import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.NamedThreads;
import dev.baton.internal.QueueNodes;
import dev.baton.internal.QueueNodes.Child;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.WatcherRemoveCuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows who leads an election, for participants and observers alike: a children watch on the
 * election's directory (an exists watch while it does not exist), re-read after each change and
 * each reconnection. Reads run on their own thread, so a read stuck in a retry delays neither the
 * election's ZooKeeper work nor its notifications; a changed leader is queued on the election's
 * events thread, which keeps the order.
 */
final class LeaderWatch implements Watcher {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderWatch.class);

  private final String name;
  private final String dir;
  private final WatcherRemoveCuratorFramework client;
  private final ElectionEvents events;
  private final ThreadPoolExecutor exec;
  private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
  private final CountDownLatch firstRead = new CountDownLatch(1);
  private volatile boolean running;
  private @Nullable ListenerHandle connection;
  private @Nullable OptionalLong lastEpoch; // touched on exec only; null before the first read

  LeaderWatch(Coordinator coord, String name, String dir, ElectionEvents events) {
    this.name = name;
    this.dir = dir;
    this.client = coord.curator().newWatcherRemoveCuratorFramework();
    this.events = events;
    this.exec =
        new ThreadPoolExecutor(
            1,
            1,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            NamedThreads.of("election-" + name + "-leader")) {
          @Override
          protected void terminated() {
            ended.complete(null);
          }
        };
    exec.allowCoreThreadTimeOut(true);
  }

  void start(Coordinator coord) {
    running = true;
    connection = coord.addConnectionListener(this::onConnection);
    refresh();
  }

  /** The latch counted down after the first successful read (or on close). */
  CountDownLatch firstRead() {
    return firstRead;
  }

  @Override
  public void process(WatchedEvent event) {
    if (event.getType() != Event.EventType.None) {
      refresh();
    }
  }

  private void onConnection(ConnectionEvent event) {
    switch (event.state()) {
      case CONNECTED, RECONNECTED -> refresh(); // watches may be gone with an expired session
      default -> {}
    }
  }

  private void refresh() {
    if (!running) {
      return;
    }
    try {
      exec.execute(this::read);
    } catch (RejectedExecutionException closed) {
      // Closing.
    }
  }

  private void read() {
    if (!running) {
      return;
    }
    try {
      LeaderChange now = readLeader();
      if (now == null) {
        refresh(); // the first node left between the listing and its read
        return;
      }
      if (!now.epoch().equals(lastEpoch)) {
        lastEpoch = now.epoch();
        events.leaderChanged(now);
      }
      firstRead.countDown();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      // A reconnection reads again; until then, the last leader heard stands.
      LOG.debug("Reading the leader of election '{}' failed; reading again on reconnect", name, e);
    }
  }

  private @Nullable LeaderChange readLeader() throws Exception {
    List<String> names;
    try {
      names = client.getChildren().usingWatcher(this).forPath(dir);
    } catch (KeeperException.NoNodeException none) {
      // Nobody ever joined: hear the directory's creation, then read its children.
      if (client.checkExists().usingWatcher(this).forPath(dir) != null) {
        return null;
      }
      return LeaderChange.none();
    }
    List<Child> queue = QueueNodes.sorted(names);
    if (queue.isEmpty()) {
      return LeaderChange.none();
    }
    Stat stat = new Stat();
    try {
      byte[] bytes = client.getData().storingStatIn(stat).forPath(dir + "/" + queue.get(0).name());
      return LeaderChange.to(ParticipantNodes.decode(bytes, stat.getCzxid(), true));
    } catch (KeeperException.NoNodeException left) {
      return null;
    }
  }

  /** Stops reading, removes the watches, lets the thread end; queued notifications still go out. */
  void close(BackgroundWork work) {
    running = false;
    ListenerHandle c = connection;
    if (c != null) {
      c.close();
    }
    work.shutdownGently(exec, ended); // a read in flight ends by itself, or is interrupted
    client.removeWatchers();
    firstRead.countDown();
  }
}
