package dev.baton.bench;

import java.util.function.Consumer;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw ZooKeeper anchors, both asynchronous so the event thread never blocks:
 *
 * <ul>
 *   <li>one-shot: {@code getData} with a watch; the watch fires once, and the next {@code getData}
 *       both reads the change and sets the next watch (the classic pattern);
 *   <li>persistent: one persistent watch ({@code addWatch}, ZooKeeper 3.6+) that stays armed, and
 *       one {@code getData} per change event (events carry no data) — the floor for Baton's config
 *       watcher.
 * </ul>
 */
final class RawSubscriber implements Subscriber, Watcher, AsyncCallback.DataCallback {
  private static final Logger LOG = LoggerFactory.getLogger(RawSubscriber.class);

  private final ZooKeeper zk;
  private final String path;
  private final Consumer<Payload> onValue;
  // The watch each getData sets: this subscriber for one-shot, none for persistent.
  private final @Nullable Watcher rearm;
  private volatile boolean open = true;

  private RawSubscriber(
      String connectString, String path, Consumer<Payload> onValue, boolean persistent)
      throws InterruptedException, KeeperException {
    this.zk = Sessions.zooKeeper(connectString);
    this.path = path;
    this.onValue = onValue;
    this.rearm = persistent ? null : this;
    if (persistent) {
      zk.addWatch(path, this, AddWatchMode.PERSISTENT);
    }
    zk.getData(path, rearm, this, null);
  }

  /** {@return the one-shot variant: each read re-arms the watch} */
  static Subscriber.Factory oneShot() {
    return (cs, path, onValue) -> new RawSubscriber(cs, path, onValue, false);
  }

  /** {@return the persistent-watch variant: one watch, one read per event} */
  static Subscriber.Factory persistent() {
    return (cs, path, onValue) -> new RawSubscriber(cs, path, onValue, true);
  }

  @Override
  public void process(WatchedEvent event) {
    if (open && event.getType() == Event.EventType.NodeDataChanged) {
      zk.getData(path, rearm, this, null);
    }
  }

  @Override
  public void processResult(int rc, String p, Object ctx, byte[] data, Stat stat) {
    if (!open) {
      return;
    }
    if (rc == KeeperException.Code.OK.intValue()) {
      onValue.accept(Payload.parse(data));
    } else {
      LOG.warn("getData {} failed: {}", p, KeeperException.Code.get(rc));
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      zk.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
