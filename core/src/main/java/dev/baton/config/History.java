package dev.baton.config;

import dev.baton.CoordinationException;
import dev.baton.codec.Codec;
import dev.baton.codec.DecodeException;
import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** Reads of a key's history entries, {@code /config-history/<key>/v<version>-<seq>}. */
final class History {
  private History() {}

  /** The entries, newest first, decoded; the zxid of each is that of the write that made it. */
  static <T> List<Versioned<T>> read(CuratorFramework client, String key, Codec<T> codec) {
    List<Versioned<T>> out = new ArrayList<>();
    for (String child : entries(client, key)) {
      Stat stat = new Stat();
      byte[] data;
      try {
        data = client.getData().storingStatIn(stat).forPath(Layout.historyDir(key) + "/" + child);
      } catch (KeeperException.NoNodeException e) {
        continue; // trimmed by a concurrent write
      } catch (Exception e) {
        throw ZkErrors.translate(key, "read history", e);
      }
      int version = Layout.historyVersion(child);
      out.add(Versioned.stored(codec.decode(key, version, data), version, stat.getCzxid()));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The entries, newest first, each with the verdict of {@code codec} and of the validators
   * registered with {@code registry}; an entry that does not decode is listed, not thrown.
   */
  static <T> List<HistoryEntry<T>> review(ConfigRegistry registry, String key, Codec<T> codec) {
    List<HistoryEntry<T>> out = new ArrayList<>();
    for (String child : entries(registry.client, key)) {
      Stat stat = new Stat();
      byte[] data;
      try {
        data =
            registry
                .client
                .getData()
                .storingStatIn(stat)
                .forPath(Layout.historyDir(key) + "/" + child);
      } catch (KeeperException.NoNodeException e) {
        continue; // trimmed by a concurrent write
      } catch (Exception e) {
        throw ZkErrors.translate(key, "read history", e);
      }
      int version = Layout.historyVersion(child);
      T value;
      try {
        value = codec.decode(key, version, data);
      } catch (DecodeException e) {
        out.add(
            new HistoryEntry<>(
                version,
                stat.getCzxid(),
                null,
                "not valid " + codec.describe() + ": " + e.reason()));
        continue;
      }
      out.add(new HistoryEntry<>(version, stat.getCzxid(), value, registry.refusal(key, data)));
    }
    return Collections.unmodifiableList(out);
  }

  /** The bytes of the newest entry written as {@code version}. */
  static byte[] bytesOf(CuratorFramework client, String key, int version) {
    List<Integer> kept = new ArrayList<>();
    for (String child : entries(client, key)) {
      int v = Layout.historyVersion(child);
      kept.add(v);
      if (v != version) {
        continue;
      }
      try {
        return client.getData().forPath(Layout.historyDir(key) + "/" + child);
      } catch (KeeperException.NoNodeException e) {
        // Trimmed meanwhile: an older entry of the same version may remain.
      } catch (Exception e) {
        throw ZkErrors.translate(key, "read history", e);
      }
    }
    throw new CoordinationException(
        key, "rollback failed: version " + version + " is not in the history (kept: " + kept + ")");
  }

  /** Entry names, newest first. */
  static List<String> entries(CuratorFramework client, String key) {
    List<String> children;
    try {
      children = new ArrayList<>(client.getChildren().forPath(Layout.historyDir(key)));
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw ZkErrors.translate(key, "read history", e);
    }
    children.removeIf(c -> !c.startsWith(Layout.HISTORY_PREFIX) || c.indexOf('-') < 0);
    children.sort(Comparator.comparingLong(Layout::historySequence).reversed());
    return children;
  }
}
