package dev.baton.config;

import dev.baton.Guard;
import dev.baton.PayloadTooLargeException;
import dev.baton.internal.CommitProof;
import dev.baton.internal.GuardedTransactions;
import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Turns encoded, validated writes into one {@code multi()}: per key the value, a history entry (and
 * the trimming of the oldest), a bump of the key's history node whose new Stat gives the write's
 * zxid; per group one generation bump. Retries when a concurrent writer got in between, unless the
 * caller's own expected version failed.
 */
final class Writer {
  static final int MAX_ATTEMPTS = 50;

  /** Room left in jute.maxbuffer for the request's own framing. */
  static final int HEADROOM = 1024;

  private static final byte[] EMPTY = new byte[0];

  /** One key to write: its encoded bytes and the version it must have (or ANY_VERSION). */
  record Write(String key, byte[] bytes, int expectedVersion) {}

  /** The outcome of one key's write. */
  record Written(int version, long mzxid) {}

  private final ConfigRegistry registry;
  private final CuratorFramework client;
  private final int historyLimit;

  Writer(ConfigRegistry registry, int historyLimit) {
    this.registry = registry;
    this.client = registry.client;
    this.historyLimit = historyLimit;
  }

  static int maxRequestBytes() {
    return Integer.getInteger("jute.maxbuffer", 0xfffff) - HEADROOM;
  }

  /**
   * Commits the writes; returns null if an expected version given by the caller failed (a lost
   * compare-and-set), with {@code conflict[0]} naming the key.
   */
  @Nullable Map<String, Written> commit(
      List<Write> writes, @Nullable Guard guard, String[] conflict) {
    String subject = subject(writes);
    checkSize(writes, subject);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        backOff(attempt, subject);
      }
      ensureParents(writes);
      PreReads.Current[] current = PreReads.read(client, historyLimit, writes, subject);
      // Written on every key's history node in the same multi(): after a lost reply, the first
      // key's node tells whether this attempt landed.
      byte[] marker = CommitProof.newMarker();
      CommitProof.DataMarker proof =
          CommitProof.dataMarker(
              Layout.raw(client, Layout.historyDir(writes.get(0).key())),
              marker,
              current[0].counterVersion);
      List<CuratorOp> ops = new ArrayList<>();
      int[] valueOps = new int[writes.size()];
      int[] counterOps = new int[writes.size()];
      int[] versions = new int[writes.size()];
      Set<String> groups = new LinkedHashSet<>();
      try {
        for (int i = 0; i < writes.size(); i++) {
          Write w = writes.get(i);
          int base = w.expectedVersion();
          Stat st = current[i].stat;
          if (base == ConfigEntry.ANY_VERSION) {
            base = st == null ? ConfigStore.ABSENT : st.getVersion();
          } else if (base == ConfigStore.ABSENT && st != null && st.getDataLength() == 0) {
            // An empty node (the parent of other keys, or a deleted parent key) has no value:
            // "absent" holds as long as it stays empty, i.e. at this version.
            base = st.getVersion();
          }
          versions[i] = base + 1;
          valueOps[i] = ops.size();
          ops.add(
              base == ConfigStore.ABSENT
                  ? client.transactionOp().create().forPath(Layout.valuePath(w.key()), w.bytes())
                  : client
                      .transactionOp()
                      .setData()
                      .withVersion(base)
                      .forPath(Layout.valuePath(w.key()), w.bytes()));
          String historyDir = Layout.historyDir(w.key());
          counterOps[i] = ops.size();
          ops.add(client.transactionOp().setData().forPath(historyDir, marker));
          addHistory(ops, historyDir, current[i].history, versions[i], w.bytes());
          String group = Layout.groupOf(w.key());
          if (group != null) {
            groups.add(group);
          }
        }
        for (String g : groups) {
          ops.add(client.transactionOp().setData().forPath(Layout.generationPath(g), EMPTY));
        }
      } catch (Exception e) {
        throw ZkErrors.translate(subject, "prepare write", e);
      }
      try {
        List<CuratorTransactionResult> results =
            GuardedTransactions.commitOnce(client, guard, ops, subject, proof);
        Map<String, Written> out = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
          // One multi() has one zxid: the marker's, when the reply was lost.
          long zxid =
              results == null
                  ? proof.committedZxid()
                  : results.get(counterOps[i]).getResultStat().getMzxid();
          out.put(writes.get(i).key(), new Written(versions[i], zxid));
        }
        return out;
      } catch (KeeperException e) {
        int failed = firstFailure(e, guard == null ? 0 : 1);
        for (int i = 0; i < writes.size(); i++) {
          if (valueOps[i] == failed && writes.get(i).expectedVersion() != ConfigEntry.ANY_VERSION) {
            conflict[0] = writes.get(i).key();
            return null;
          }
        }
        boolean valueOp = false;
        for (int v : valueOps) {
          valueOp |= v == failed;
        }
        if (e.code() == KeeperException.Code.NONODE && !valueOp) {
          forgetParents(writes); // a node we thought existed was deleted: make it again
        }
        // Otherwise a concurrent writer changed a version we read or trimmed history: try again.
      }
    }
    throw new ConfigConflictException(
        subject, "gave up after " + MAX_ATTEMPTS + " attempts lost to concurrent writers", null);
  }

  private void addHistory(
      List<CuratorOp> ops, String dir, List<String> children, int version, byte[] bytes)
      throws Exception {
    if (historyLimit == 0) {
      return;
    }
    List<String> entries = new ArrayList<>(children);
    entries.removeIf(c -> !c.startsWith(Layout.HISTORY_PREFIX) || c.indexOf('-') < 0);
    entries.sort(Comparator.comparingLong(Layout::historySequence));
    for (int i = 0; i <= entries.size() - historyLimit; i++) {
      ops.add(client.transactionOp().delete().forPath(dir + "/" + entries.get(i)));
    }
    ops.add(
        client
            .transactionOp()
            .create()
            .withMode(CreateMode.PERSISTENT_SEQUENTIAL)
            .forPath(dir + "/" + Layout.HISTORY_PREFIX + version + "-", bytes));
  }

  /** Random, growing pauses between attempts, so that contending writers stop colliding. */
  static void backOff(int attempt, String subject) {
    long maxMillis = Math.min(1L << Math.min(attempt, 6), 50);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(maxMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ZkErrors.translate(subject, "write", e);
    }
  }

  private void checkSize(List<Write> writes, String subject) {
    long total = 0;
    for (Write w : writes) {
      int paths = Layout.valuePath(w.key()).length() * 3 + 64;
      total += (long) w.bytes().length * (historyLimit > 0 ? 2 : 1) + paths + 64;
    }
    int limit = maxRequestBytes();
    if (total > limit) {
      long largest = writes.stream().mapToLong(w -> w.bytes().length).max().orElse(0);
      throw new PayloadTooLargeException(
          subject,
          String.format(
              "write refused: %,d bytes of value%s make a request of about %,d bytes%s, over"
                  + " ZooKeeper's limit of %,d (jute.maxbuffer minus %,d of framing); nothing was"
                  + " written",
              largest,
              writes.size() > 1 ? " (largest of " + writes.size() + ")" : "",
              total,
              historyLimit > 0 ? " with the history copy" : "",
              limit,
              HEADROOM));
    }
  }

  void ensureParents(List<Write> writes) {
    for (Write w : writes) {
      String group = Layout.groupOf(w.key());
      ensure(group == null ? Layout.CONFIG : Layout.groupDir(group), w.key());
      ensure(Layout.historyDir(w.key()), w.key());
      if (group != null) {
        ensure(Layout.generationPath(group), w.key());
      }
    }
  }

  private void forgetParents(List<Write> writes) {
    for (Write w : writes) {
      String group = Layout.groupOf(w.key());
      registry.forget(group == null ? Layout.CONFIG : Layout.groupDir(group));
      registry.forget(Layout.historyDir(w.key()));
      if (group != null) {
        registry.forget(Layout.generationPath(group));
      }
    }
  }

  void ensure(String path, String key) {
    if (registry.isKnown(path)) {
      return;
    }
    try {
      client.create().creatingParentsIfNeeded().forPath(path, EMPTY);
    } catch (KeeperException.NodeExistsException e) {
      // Made by another writer: fine.
    } catch (Exception e) {
      throw ZkErrors.translate(key, "create " + path, e);
    }
    registry.markKnown(path);
  }

  /** Index (without the guard's check) of the first op that failed, or -1. */
  private static int firstFailure(KeeperException e, int offset) {
    int failed = GuardedTransactions.firstFailure(e);
    return failed < 0 ? -1 : failed - offset;
  }

  static String subject(List<Write> writes) {
    if (writes.size() == 1) {
      return writes.get(0).key();
    }
    StringBuilder sb = new StringBuilder();
    for (Write w : writes) {
      sb.append(sb.length() == 0 ? "" : ", ").append(w.key());
    }
    return sb.toString();
  }
}
