package dev.baton.flink;

import dev.baton.election.Leadership;
import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;

/**
 * A sink whose side effect only the holder of a named Baton leadership performs: across the
 * subtasks of this sink, and across jobs and clusters that use the same election name and ZooKeeper
 * namespace. Every write is handed the {@link Leadership}, whose {@link Leadership#epoch() epoch}
 * is a fencing token: strictly greater for every later leader, so the target system can refuse
 * writes of a deposed leader.
 *
 * <pre>{@code
 * LeaderGatedSink<Alert> pager = LeaderGatedSink.builder("pager",
 *         (Alert alert, Leadership leader) -> pagerClient.send(alert, leader.epoch()))
 *     .whenNotLeader(LeaderGatedSink.NotLeader.SKIP)
 *     .build();
 * alerts.sinkTo(pager).setParallelism(2);
 * }</pre>
 *
 * <p>The compiled version of this example is {@code
 * dev.baton.flink.examples.LeaderGatedSinkExample} in the test sources.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>Each writer subtask joins the election {@code name} through its TaskManager's {@linkplain
 *       SharedCoordinator shared coordinator}; subtasks in one TaskManager share a ZooKeeper
 *       session, so a session expiry there demotes all of them at once.
 *   <li>A writer writes only while its leadership is valid (Baton's fail-safe suspend policy: no
 *       longer once the connection is suspended). Otherwise it skips the record or keeps it in a
 *       bounded in-memory buffer, written when it becomes leader ({@link NotLeader}); the buffer is
 *       not checkpointed, and when full its oldest record is dropped.
 *   <li>The check and the write are not atomic: a leader may lose its leadership while writing.
 *       That is what the epoch is for: a store that remembers the highest epoch it accepted and
 *       refuses lower ones never takes a deposed leader's write.
 *   <li>Metrics under the {@code baton} group: gauges {@code isLeader} and {@code epoch}, counters
 *       {@code written}, {@code skipped}, {@code dropped}.
 * </ul>
 *
 * @param <T> the records' type
 * @since 0.1
 */
public final class LeaderGatedSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  /** What a writer that is not the leader does with a record. */
  public enum NotLeader {
    /** Drops it (counted as {@code skipped}). */
    SKIP,
    /** Keeps it in memory and writes it once leader (bounded; not checkpointed). */
    BUFFER
  }

  /**
   * The side effect, run only by the leader.
   *
   * @param <T> the records' type
   */
  @FunctionalInterface
  public interface Writer<T> extends Serializable {
    /**
     * Writes one record.
     *
     * @param value the record
     * @param leadership the leadership held when the write began; pass {@code epoch()} to the
     *     target as a fencing token
     * @throws IOException if the write fails; Flink fails the task
     */
    void write(T value, Leadership leadership) throws IOException;
  }

  private final String election;
  private final Writer<T> writer;
  private final NotLeader notLeader;
  private final int bufferCapacity;
  private final Configuration settings;

  private LeaderGatedSink(Builder<T> b) {
    this.election = b.election;
    this.writer = b.writer;
    this.notLeader = b.notLeader;
    this.bufferCapacity = b.bufferCapacity;
    this.settings = new Configuration(b.settings);
  }

  /**
   * Starts building a sink gated by the leadership {@code election}.
   *
   * @param election the election's name: letters, digits, {@code . _ -}
   * @param writer the side effect
   * @param <T> the records' type
   * @return the builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static <T> Builder<T> builder(String election, Writer<T> writer) {
    return new Builder<>(election, writer);
  }

  /**
   * {@inheritDoc}
   *
   * @param context the writer's context
   * @return a writer that joins the election
   */
  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new LeaderGatedWriter<>(context, election, writer, notLeader, bufferCapacity, settings);
  }

  /**
   * Settings of a {@link LeaderGatedSink}.
   *
   * @param <T> the records' type
   * @since 0.1
   */
  public static final class Builder<T> {
    private final String election;
    private final Writer<T> writer;
    private NotLeader notLeader = NotLeader.SKIP;
    private int bufferCapacity = 10_000;
    private Configuration settings = new Configuration();

    private Builder(String election, Writer<T> writer) {
      if (election == null || election.isBlank()) {
        throw new IllegalArgumentException("election name must not be blank");
      }
      this.election = election;
      this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * What a writer that is not the leader does with records. Default {@link NotLeader#SKIP}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder<T> whenNotLeader(NotLeader policy) {
      this.notLeader = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How many records a writer buffers under {@link NotLeader#BUFFER}. Default 10,000.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder<T> bufferCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("bufferCapacity must be at least 1, was " + capacity);
      }
      this.bufferCapacity = capacity;
      return this;
    }

    /**
     * Baton options given in code (a sink writer sees no job parameters; {@code config.yaml} fills
     * in the rest). Default: none.
     *
     * @param settings the options
     * @return this builder
     */
    public Builder<T> settings(Configuration settings) {
      this.settings = new Configuration(Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** {@return the sink} */
    public LeaderGatedSink<T> build() {
      return new LeaderGatedSink<>(this);
    }
  }
}
