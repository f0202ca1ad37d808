package dev.baton.config;

import dev.baton.CoordinationException;
import dev.baton.Guard;
import dev.baton.internal.CommitProof;
import dev.baton.internal.GuardedTransactions;
import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Deletes a key's value in one {@code multi()} with its group's generation bump. A key that is also
 * the parent of other keys cannot lose its node, so its data is emptied instead: Baton reads an
 * empty node as no value.
 */
final class Deleter {
  private static final byte[] EMPTY = new byte[0];

  private final CuratorFramework client;
  private final Writer writer;

  Deleter(ConfigRegistry registry, Writer writer) {
    this.client = registry.client;
    this.writer = writer;
  }

  boolean delete(String key, @Nullable Guard guard) {
    String path = Layout.valuePath(key);
    String group = Layout.groupOf(key);
    for (int attempt = 0; attempt < Writer.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Writer.backOff(attempt, key);
      }
      Stat st;
      Stat counter;
      String historyDir = Layout.historyDir(key);
      try {
        st = client.checkExists().forPath(path);
        if (st == null || (st.getDataLength() == 0 && st.getNumChildren() > 0)) {
          return false;
        }
        writer.ensure(historyDir, key);
        counter = client.checkExists().forPath(historyDir);
      } catch (CoordinationException e) {
        throw e;
      } catch (Exception e) {
        throw ZkErrors.translate(key, "delete", e);
      }
      // As for writes: the key's history node carries this attempt's marker, for a lost reply.
      byte[] marker = CommitProof.newMarker();
      CommitProof proof =
          CommitProof.dataMarker(
              Layout.raw(client, historyDir), marker, counter == null ? -1 : counter.getVersion());
      List<CuratorOp> ops = new ArrayList<>();
      try {
        ops.add(client.transactionOp().setData().forPath(historyDir, marker));
        if (st.getNumChildren() > 0) {
          ops.add(
              client.transactionOp().setData().withVersion(st.getVersion()).forPath(path, EMPTY));
        } else {
          ops.add(client.transactionOp().delete().withVersion(st.getVersion()).forPath(path));
        }
        if (group != null) {
          writer.ensure(Layout.generationPath(group), key);
          ops.add(client.transactionOp().setData().forPath(Layout.generationPath(group), EMPTY));
        }
      } catch (Exception e) {
        throw ZkErrors.translate(key, "prepare delete", e);
      }
      try {
        GuardedTransactions.commitOnce(client, guard, ops, key, proof);
        return true;
      } catch (KeeperException e) {
        // Changed, deleted or given children meanwhile: look again.
      }
    }
    throw new ConfigConflictException(
        key,
        "delete gave up after " + Writer.MAX_ATTEMPTS + " attempts lost to concurrent writers",
        null);
  }
}
