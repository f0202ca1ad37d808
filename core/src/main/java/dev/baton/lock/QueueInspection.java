package dev.baton.lock;

import dev.baton.internal.QueueNodes;
import dev.baton.internal.QueueNodes.Child;
import dev.baton.internal.ZkErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** Reads a lock's queue for {@link DistributedLock#queue()}, without joining it. */
final class QueueInspection {
  private QueueInspection() {}

  /**
   * Lists the queue under {@code dir}; {@code policy} judges nodes of its kind, and a node of
   * another kind (the other side of a read/write lock) is judged as exclusive, which a write node
   * is.
   */
  static LockQueue read(CuratorFramework client, String dir, QueuePolicy policy) {
    List<Child> queue;
    List<Stat> stats = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    try {
      List<Child> listed = QueueNodes.sorted(client.getChildren().forPath(dir));
      queue = new ArrayList<>();
      for (Child c : listed) {
        Stat stat = new Stat();
        try {
          data.add(client.getData().storingStatIn(stat).forPath(dir + "/" + c.name()));
        } catch (KeeperException.NoNodeException gone) {
          continue; // released while we read: not in the queue any more
        }
        queue.add(c);
        stats.add(stat);
      }
    } catch (KeeperException.NoNodeException e) {
      return new LockQueue(dir, List.of());
    } catch (Exception e) {
      throw ZkErrors.translate(dir, "read lock queue", e);
    }
    List<LockQueue.Entry> entries = new ArrayList<>(queue.size());
    for (int i = 0; i < queue.size(); i++) {
      Child c = queue.get(i);
      QueuePolicy rule = c.kind().equals(policy.kind()) ? policy : QueuePolicy.exclusive(c.kind());
      byte[] bytes = data.get(i);
      entries.add(
          new LockQueue.Entry(
              c.name(),
              c.kind(),
              stats.get(i).getCzxid(),
              stats.get(i).getEphemeralOwner(),
              bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8),
              rule.blocker(queue, i) == null));
    }
    return new LockQueue(dir, entries);
  }
}
