package dev.baton.election;

import dev.baton.internal.BackgroundWork;
import dev.baton.internal.QueueNodes;
import dev.baton.internal.QueueNodes.Child;
import dev.baton.internal.ZkErrors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a participant's node stores its id and data, and how the queue is read back. */
final class ParticipantNodes {
  private static final Logger LOG = LoggerFactory.getLogger(ParticipantNodes.class);
  static final String KIND = "n-";

  private ParticipantNodes() {}

  static byte[] encode(String id, byte[] data) {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + idBytes.length + data.length)
        .putInt(idBytes.length)
        .put(idBytes)
        .put(data)
        .array();
  }

  static Participant decode(byte[] bytes, long token, boolean leader) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (bytes.length < 4) {
      return new Participant("?", bytes, token, leader);
    }
    int idLength = b.getInt();
    if (idLength < 0 || idLength > bytes.length - 4) {
      return new Participant("?", bytes, token, leader);
    }
    String id = new String(bytes, 4, idLength, StandardCharsets.UTF_8);
    return new Participant(
        id, Arrays.copyOfRange(bytes, 4 + idLength, bytes.length), token, leader);
  }

  /** Deletes a node now if connected, else in the background (Curator retries until it is gone). */
  static void delete(CuratorFramework client, String path) {
    try {
      if (!client.getZookeeperClient().isConnected()) {
        deleteInBackground(client, path);
        return;
      }
      client.delete().guaranteed().forPath(path);
    } catch (KeeperException.NoNodeException gone) {
      // Already gone with the session.
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("Delete of {} not confirmed; guaranteed delete retries in the background", path, e);
    }
  }

  /** Deletes a node in the background; Curator retries until it is gone, or the session ends. */
  static void deleteInBackground(CuratorFramework client, String path) {
    BackgroundWork.of(client).delete(path, "election node");
  }

  /** Reads up to {@code limit} participants in election order. */
  static List<Participant> read(CuratorFramework client, String dir, int limit) {
    try {
      List<Child> queue;
      try {
        queue = QueueNodes.sorted(client.getChildren().forPath(dir));
      } catch (KeeperException.NoNodeException none) {
        return List.of();
      }
      List<Participant> out = new ArrayList<>();
      for (Child c : queue) {
        if (out.size() >= limit) {
          break;
        }
        Stat stat = new Stat();
        try {
          byte[] bytes = client.getData().storingStatIn(stat).forPath(dir + "/" + c.name());
          out.add(decode(bytes, stat.getCzxid(), out.isEmpty()));
        } catch (KeeperException.NoNodeException left) {
          // Left between the listing and the read: the next one leads in its place.
        }
      }
      return out;
    } catch (Exception e) {
      throw ZkErrors.translate(dir, "read participants", e);
    }
  }
}
