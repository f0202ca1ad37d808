package dev.baton.config;

import dev.baton.internal.Names;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * Where config lives under the coordinator's namespace (documented in docs/config.md):
 *
 * <ul>
 *   <li>{@code /config/<key>}: the value; keys may be hierarchical ({@code etl/batch-size});
 *   <li>{@code /config-history/<key>/v<version>-<seq>}: the last N values, written in the same
 *       {@code multi()} as the value;
 *   <li>{@code /config-generations/<prefix>}: bumped in every {@code multi()} that writes a key
 *       directly under {@code prefix}, so a group watcher can tell a consistent snapshot.
 * </ul>
 */
final class Layout {
  static final String CONFIG = "/config";
  static final String HISTORY = "/config-history";
  static final String GENERATIONS = "/config-generations";
  static final String HISTORY_PREFIX = "v";

  /** The "version" named in messages about a value not yet written. */
  static final int UNWRITTEN = -1;

  private Layout() {}

  static String checkKey(String key) {
    return Names.relativePath("config key", key);
  }

  static String checkPrefix(String prefix) {
    return Names.relativePath("config group prefix", prefix);
  }

  static String valuePath(String key) {
    return CONFIG + "/" + key;
  }

  static String historyDir(String key) {
    return HISTORY + "/" + key;
  }

  static String generationPath(String prefix) {
    return GENERATIONS + "/" + prefix;
  }

  static String groupDir(String prefix) {
    return CONFIG + "/" + prefix;
  }

  /** The group a key belongs to: everything before its last slash, or null for a flat key. */
  static @Nullable String groupOf(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? null : key.substring(0, slash);
  }

  /** A path as the raw ZooKeeper handle sees it: Curator's namespace is a prefix, not a chroot. */
  static String raw(CuratorFramework client, String path) {
    String ns = client.getNamespace();
    return ns == null || ns.isEmpty() ? path : ZKPaths.makePath(ns, path);
  }

  /** The version a history node was written for: {@code v12-0000000034} → 12. */
  static int historyVersion(String child) {
    int dash = child.indexOf('-');
    return Integer.parseInt(child.substring(HISTORY_PREFIX.length(), dash));
  }

  /** The sequence a history node got, which orders history across delete and re-create. */
  static long historySequence(String child) {
    return Long.parseLong(child.substring(child.indexOf('-') + 1));
  }
}
