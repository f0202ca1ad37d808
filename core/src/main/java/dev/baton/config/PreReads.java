package dev.baton.config;

import dev.baton.ConnectionLostException;
import dev.baton.internal.ZkErrors;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/** The reads a write needs before it can build its {@code multi()}. */
final class PreReads {
  private static final long READ_TIMEOUT_SECONDS = 60;

  private PreReads() {}

  /**
   * What a write needs to know about a key: its Stat (if unconditional), its history entries, and
   * the version of its history node, which every write of the key bumps (with its marker).
   */
  static final class Current {
    volatile @Nullable Stat stat;
    volatile List<String> history = List.of();
    volatile int counterVersion = -1;
  }

  /**
   * Reads every key's Stat and history at once (pipelined on the session, about one round trip in
   * all), which keeps the window for concurrent writers short.
   */
  static Current[] read(
      CuratorFramework client, int historyLimit, List<Writer.Write> writes, String subject) {
    Current[] out = new Current[writes.size()];
    CountDownLatch done = new CountDownLatch(writes.size() * 2);
    AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
    try {
      for (int i = 0; i < writes.size(); i++) {
        Current c = out[i] = new Current();
        Writer.Write w = writes.get(i);
        if (w.expectedVersion() == ConfigEntry.ANY_VERSION
            || w.expectedVersion() == ConfigStore.ABSENT) {
          client
              .checkExists()
              .inBackground(
                  (cl, e) -> {
                    c.stat = e.getStat();
                    noteFailure(e.getResultCode(), e.getPath(), failure);
                    done.countDown();
                  })
              .forPath(Layout.valuePath(w.key()));
        } else {
          done.countDown();
        }
        client
            .getChildren()
            .inBackground(
                (cl, e) -> {
                  if (e.getResultCode() == 0) {
                    c.history = historyLimit > 0 ? e.getChildren() : List.of();
                    c.counterVersion = e.getStat() == null ? -1 : e.getStat().getVersion();
                  }
                  noteFailure(e.getResultCode(), e.getPath(), failure);
                  done.countDown();
                })
            .forPath(Layout.historyDir(w.key()));
      }
      if (!done.await(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new ConnectionLostException(subject, "reading the current versions timed out", null);
      }
    } catch (Exception e) {
      throw ZkErrors.translate(subject, "read current versions", e);
    }
    Exception e = failure.get();
    if (e != null) {
      throw ZkErrors.translate(subject, "read current versions", e);
    }
    return out;
  }

  private static void noteFailure(
      int rc, String path, AtomicReference<@Nullable Exception> failure) {
    if (rc != 0 && rc != KeeperException.Code.NONODE.intValue()) {
      failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc), path));
    }
  }
}
