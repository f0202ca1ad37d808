package dev.baton.flink;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A sink that collects records per checkpoint and commits each batch after the checkpoint
 * completes, under a Baton lock, passing the lease's fencing token to the user's commit. The tokens
 * of successive holders of a lock name increase, across every job and cluster that use it. Commits
 * never overlap <em>in effect</em> when the target refuses tokens lower than the highest it has
 * seen: the lease is checked between batches, not during one, so a commit already running when its
 * lease lapses (session expiry, a long pause) runs on while the next holder commits, and only the
 * target's token check keeps the stale writes out.
 *
 * <pre>{@code
 * LockGuardedCommitSink<String> sink = LockGuardedCommitSink.builder(
 *         "warehouse-commit", Types.STRING,
 *         (batch, token) -> Warehouse.commitIfAbsent(batch.id(), batch.records(), token))
 *     .lockTimeout(Duration.ofSeconds(10))
 *     .build();
 * lines.sinkTo(sink);
 *
 * // In the target, atomically with the write (here one lock; in a database, one transaction):
 * static synchronized void commitIfAbsent(String batchId, List<String> rows, long token)
 *     throws IOException {
 *   if (token < highestToken) {
 *     throw new IOException("stale fencing token " + token + " < " + highestToken);
 *   }
 *   highestToken = token;
 *   if (committedBatches.add(batchId)) {
 *     table.addAll(rows);
 *   }
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code
 * dev.baton.flink.examples.LockGuardedCommitSinkExample} in the test sources.
 *
 * <p>Contract and semantics:
 *
 * <ul>
 *   <li><b>Commits must be idempotent.</b> Flink commits a batch again after a failure or restore
 *       if it cannot know the first commit landed; {@link Batch#id()} is stable for a batch across
 *       such retries: use it to recognise a batch already committed.
 *   <li>Batches are committed after the checkpoint that sealed them completes (enable
 *       checkpointing), one lease per commit call, all of that call's batches under it.
 *   <li>If the lock is not acquired within {@link Builder#lockTimeout(Duration)}, the batches are
 *       retried ({@code retryLater()}), not lost. Flink retries at once, up to {@code
 *       sink.committer.retries} times (default 10), then fails the job; after the restart the
 *       batches are committed again from the checkpoint.
 *   <li>The lease is checked before each batch; a lease lost mid-way leaves the remaining batches
 *       for a retry. A batch whose commit has started runs to its end even if the lease lapses
 *       meanwhile: a target that refuses tokens lower than the highest it saw, in the same
 *       transaction as the write, never takes such a commit once the next holder has written.
 *   <li>Records are kept in memory until their checkpoint: size checkpoints accordingly.
 *   <li>Metrics of the committer under the {@code baton} group: counters {@code commits}, {@code
 *       lockTimeouts}; gauge {@code fencingToken}.
 * </ul>
 *
 * @param <T> the records' type
 * @since 0.1
 */
public final class LockGuardedCommitSink<T>
    implements Sink<T>, SupportsCommitter<LockGuardedCommitSink.Batch<T>> {
  private static final long serialVersionUID = 1L;

  /**
   * The records of one writer subtask between two checkpoints.
   *
   * @param id stable across retries of this batch, unique per job, subtask, attempt and checkpoint
   * @param records the records, in arrival order
   * @param <T> the records' type
   */
  public record Batch<T>(String id, List<T> records) {
    /**
     * A batch.
     *
     * @param id the id
     * @param records the records (copied)
     */
    public Batch {
      Objects.requireNonNull(id, "id");
      records = List.copyOf(records);
    }
  }

  /**
   * The user's commit, run under the lock.
   *
   * @param <T> the records' type
   */
  @FunctionalInterface
  public interface CommitFunction<T> extends Serializable {
    /**
     * Commits one batch, idempotently.
     *
     * @param batch the batch; its id tells a retry from a new batch
     * @param fencingToken the lease's fencing token: pass it to the target, which should refuse
     *     tokens lower than the highest it has seen
     * @throws IOException if the commit fails; Flink fails the job, and commits the batch again
     *     after the restart
     */
    void commit(Batch<T> batch, long fencingToken) throws IOException;
  }

  private final String lockName;
  private final TypeInformation<T> type;
  private final CommitFunction<T> commit;
  private final Duration lockTimeout;
  private final Configuration settings;

  private LockGuardedCommitSink(Builder<T> b) {
    this.lockName = b.lockName;
    this.type = b.type;
    this.commit = b.commit;
    this.lockTimeout = b.lockTimeout;
    this.settings = new Configuration(b.settings);
  }

  /**
   * Starts building a sink committing under the Baton lock {@code lockName}.
   *
   * @param lockName the lock's name: letters, digits, {@code . _ -}
   * @param type the records' type, to checkpoint pending batches
   * @param commit the commit
   * @param <T> the records' type
   * @return the builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static <T> Builder<T> builder(
      String lockName, TypeInformation<T> type, CommitFunction<T> commit) {
    return new Builder<>(lockName, type, commit);
  }

  /**
   * {@inheritDoc}
   *
   * @param context the writer's context
   * @return a writer that seals a batch at each checkpoint
   */
  @Override
  public CommittingSinkWriter<T, Batch<T>> createWriter(WriterInitContext context) {
    return new BatchWriter<>(context);
  }

  /**
   * {@inheritDoc}
   *
   * @param context the committer's context
   * @return a committer that commits under the lock
   */
  @Override
  public Committer<Batch<T>> createCommitter(CommitterInitContext context) {
    return new LockGuardedCommitter<>(context, lockName, commit, lockTimeout, settings);
  }

  /** {@return a serializer of batches, through the records' Flink serializer} */
  @Override
  public SimpleVersionedSerializer<Batch<T>> getCommittableSerializer() {
    return new BatchSerializer<>(type);
  }

  /**
   * Settings of a {@link LockGuardedCommitSink}.
   *
   * @param <T> the records' type
   * @since 0.1
   */
  public static final class Builder<T> {
    private final String lockName;
    private final TypeInformation<T> type;
    private final CommitFunction<T> commit;
    private Duration lockTimeout = Duration.ofSeconds(10);
    private Configuration settings = new Configuration();

    private Builder(String lockName, TypeInformation<T> type, CommitFunction<T> commit) {
      if (lockName == null || lockName.isBlank()) {
        throw new IllegalArgumentException("lock name must not be blank");
      }
      this.lockName = lockName;
      this.type = Objects.requireNonNull(type, "type");
      this.commit = Objects.requireNonNull(commit, "commit");
    }

    /**
     * How long a commit waits for the lock before it is retried. Default 10 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder<T> lockTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "lockTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("lockTimeout must be positive, was " + timeout);
      }
      this.lockTimeout = timeout;
      return this;
    }

    /**
     * Baton options given in code (committers see no job parameters; {@code config.yaml} fills in
     * the rest). Default: none.
     *
     * @param settings the options
     * @return this builder
     */
    public Builder<T> settings(Configuration settings) {
      this.settings = new Configuration(Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** {@return the sink} */
    public LockGuardedCommitSink<T> build() {
      return new LockGuardedCommitSink<>(this);
    }
  }
}
