package dev.baton.flink;

import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask of a {@link LeaderGatedSink}: a participant of the election that writes if leader.
 */
final class LeaderGatedWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderGatedWriter.class);

  private final LeaderGatedSink.Writer<T> writer;
  private final LeaderGatedSink.NotLeader notLeader;
  private final int bufferCapacity;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private final SharedCoordinator baton;
  private final LeaderElection election;
  private final Counter written;
  private final Counter skipped;
  private final Counter dropped;
  private long lastEpoch;

  LeaderGatedWriter(
      WriterInitContext context,
      String electionName,
      LeaderGatedSink.Writer<T> writer,
      LeaderGatedSink.NotLeader notLeader,
      int bufferCapacity,
      Configuration settings) {
    this.writer = writer;
    this.notLeader = notLeader;
    this.bufferCapacity = bufferCapacity;
    String participant =
        context.getJobInfo().getJobId()
            + "/"
            + context.getTaskInfo().getIndexOfThisSubtask()
            + "#"
            + context.getTaskInfo().getAttemptNumber();
    baton = SharedCoordinator.acquire(context, settings);
    try {
      election =
          baton.awaitConnected().leaderElection(electionName).participantId(participant).start();
    } catch (RuntimeException e) {
      baton.close();
      throw e;
    }
    MetricGroup group = context.metricGroup().addGroup("baton");
    group.gauge("isLeader", (Gauge<Integer>) () -> election.isLeader() ? 1 : 0);
    group.gauge("epoch", (Gauge<Long>) () -> lastEpoch);
    written = group.counter("written");
    skipped = group.counter("skipped");
    dropped = group.counter("dropped");
    LOG.info("Leader-gated sink {} joined election '{}'", participant, electionName);
  }

  @Override
  public void write(T element, Context context) throws IOException {
    Optional<Leadership> leadership = validLeadership();
    if (leadership.isPresent()) {
      drain(leadership.get());
      writeOne(element, leadership.get());
    } else if (notLeader == LeaderGatedSink.NotLeader.SKIP) {
      skipped.inc();
    } else {
      if (buffer.size() == bufferCapacity) {
        buffer.poll();
        dropped.inc();
      }
      buffer.add(element);
    }
  }

  private Optional<Leadership> validLeadership() {
    Optional<Leadership> l = election.currentLeadership().filter(Leadership::isValid);
    l.ifPresent(
        now -> {
          if (now.epoch() != lastEpoch) {
            LOG.info(
                "Leader-gated sink {} writes as leader of '{}', epoch {}",
                election.participantId(),
                now.electionName(),
                now.epoch());
            lastEpoch = now.epoch();
          }
        });
    return l;
  }

  private void drain(Leadership leadership) throws IOException {
    while (!buffer.isEmpty()) {
      writeOne(buffer.poll(), leadership);
    }
  }

  private void writeOne(T element, Leadership leadership) throws IOException {
    writer.write(element, leadership);
    written.inc();
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    Optional<Leadership> leadership = validLeadership();
    if (leadership.isPresent()) {
      drain(leadership.get());
    } else if (endOfInput && !buffer.isEmpty()) {
      LOG.warn(
          "Leader-gated sink {} ends without leadership: {} buffered records not written",
          election.participantId(),
          buffer.size());
    }
  }

  @Override
  public void close() {
    try {
      election.close();
    } finally {
      baton.close();
    }
  }
}
