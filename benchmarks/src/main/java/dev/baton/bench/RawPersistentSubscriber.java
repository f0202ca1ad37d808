package dev.baton.bench;

import java.util.function.Consumer;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw floor for Baton's config watcher: one persistent watch ({@code addWatch}, ZooKeeper 3.6+)
 * that stays armed, and one asynchronous {@code getData} per change event (events carry no data).
 */
final class RawPersistentSubscriber implements Subscriber, Watcher, AsyncCallback.DataCallback {
  private static final Logger LOG = LoggerFactory.getLogger(RawPersistentSubscriber.class);

  private final ZooKeeper zk;
  private final String path;
  private final Consumer<Payload> onValue;
  private volatile boolean open = true;

  RawPersistentSubscriber(String connectString, String path, Consumer<Payload> onValue)
      throws InterruptedException, KeeperException {
    this.zk = Sessions.zooKeeper(connectString);
    this.path = path;
    this.onValue = onValue;
    zk.addWatch(path, this, AddWatchMode.PERSISTENT);
    zk.getData(path, false, this, null);
  }

  @Override
  public void process(WatchedEvent event) {
    if (open && event.getType() == Event.EventType.NodeDataChanged) {
      zk.getData(path, false, this, null);
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
