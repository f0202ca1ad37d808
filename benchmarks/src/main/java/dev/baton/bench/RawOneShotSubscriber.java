package dev.baton.bench;

import java.util.function.Consumer;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic raw pattern: {@code getData} with a watch; the watch fires once, and the next {@code
 * getData} both reads the change and sets the next watch. Asynchronous, so the event thread never
 * blocks.
 */
final class RawOneShotSubscriber implements Subscriber, Watcher, AsyncCallback.DataCallback {
  private static final Logger LOG = LoggerFactory.getLogger(RawOneShotSubscriber.class);

  private final ZooKeeper zk;
  private final String path;
  private final Consumer<Payload> onValue;
  private volatile boolean open = true;

  RawOneShotSubscriber(String connectString, String path, Consumer<Payload> onValue)
      throws InterruptedException {
    this.zk = Sessions.zooKeeper(connectString);
    this.path = path;
    this.onValue = onValue;
    zk.getData(path, this, this, null);
  }

  @Override
  public void process(WatchedEvent event) {
    if (open && event.getType() == Event.EventType.NodeDataChanged) {
      zk.getData(path, this, this, null);
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
