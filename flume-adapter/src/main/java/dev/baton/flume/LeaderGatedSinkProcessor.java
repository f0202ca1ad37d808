package dev.baton.flume;

import dev.baton.election.Leadership;
import dev.baton.election.Reason;
import java.util.OptionalLong;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.SinkProcessor;
import org.apache.flume.conf.Configurable;
import org.apache.flume.lifecycle.LifecycleState;
import org.apache.flume.sink.AbstractSinkProcessor;
import org.apache.flume.sink.SinkProcessorFactory;
import org.jspecify.annotations.Nullable;

/**
 * A sink processor that drains its sink group on one agent at a time: the agent that leads the
 * Baton election named by {@code election}. Active/standby writers (one HDFS writer, one database
 * loader) run on every agent, and only the leader's take events; the others back off and keep their
 * events in their channels until they lead.
 *
 * <pre>{@code
 * a1.sinkgroups = g1
 * a1.sinkgroups.g1.sinks = hdfs1 hdfs2
 * a1.sinkgroups.g1.processor.type = dev.baton.flume.LeaderGatedSinkProcessor
 * a1.sinkgroups.g1.processor.election = hdfs-writer
 * a1.sinkgroups.g1.processor.delegate.type = failover
 * a1.sinkgroups.g1.processor.delegate.priority.hdfs1 = 10
 * }</pre>
 *
 * <p>While leading, the processor hands each {@code process()} to a Flume processor built from
 * {@code delegate.type} and the {@code delegate.*} properties (default {@code default} for one
 * sink, {@code failover} for more).
 *
 * <p>The leadership's epoch reaches the sinks as a fencing token, strictly larger for every later
 * leader: each event a sink of the group takes carries it in the {@value #EPOCH_HEADER} header, and
 * a custom sink reads it in its {@code process()} with {@link #fencingToken()}, to pass it to a
 * store that refuses writes from an older epoch. Leadership is revoked as soon as the connection to
 * ZooKeeper is suspended, before another agent can be elected; a {@code process()} in flight then
 * finishes under the old epoch, which is what the token is for. Settings as for {@link
 * LeaderGatedPollableSource}. The compiled example is the agent config in {@code
 * dev.baton.flume.LeaderGatedSinkProcessorTest}.
 *
 * @since 0.1
 */
public final class LeaderGatedSinkProcessor extends AbstractSinkProcessor
    implements Configurable, LeaderGate.Holder {
  /** The header carrying the leader's epoch on every event a gated sink takes. */
  public static final String EPOCH_HEADER = "baton.epoch";

  private static final ThreadLocal<Long> EPOCH = ThreadLocal.withInitial(() -> -1L);

  private @Nullable LeaderGate gate;
  private @Nullable SinkProcessor delegate;
  private volatile LifecycleState state = LifecycleState.IDLE;

  /** Creates the processor; Flume calls this, then {@code setSinks} and {@code configure}. */
  public LeaderGatedSinkProcessor() {}

  /**
   * The fencing token of the leadership under which the calling sink runs: call it in a sink's
   * {@code process()}.
   *
   * @return the leader's epoch, or empty outside a gated sink group's {@code process()}
   */
  public static OptionalLong fencingToken() {
    long epoch = EPOCH.get();
    return epoch < 0 ? OptionalLong.empty() : OptionalLong.of(epoch);
  }

  /**
   * Reads {@code election}, {@code participantId}, the optional {@code baton.*} settings and the
   * {@code delegate.*} processor, and gives each sink the stamping view of its channel.
   *
   * @param context the processor's properties, {@code processor.} removed
   * @throws org.apache.flume.conf.ConfigurationException if {@code election} is missing
   */
  @Override
  public void configure(Context context) {
    gate = new LeaderGate("sink processor of " + getSinks(), context);
    Context inner = new Context(context.getSubProperties("delegate."));
    if (inner.getString("type") == null) {
      inner.put("type", getSinks().size() == 1 ? "default" : "failover");
    }
    for (Sink sink : getSinks()) {
      if (!(sink.getChannel() instanceof EpochStampingChannel)) {
        sink.setChannel(new EpochStampingChannel(sink.getChannel(), EPOCH::get));
      }
    }
    delegate = SinkProcessorFactory.getProcessor(inner, getSinks());
  }

  /**
   * Drains through the delegate if this agent leads, with the epoch as the thread's fencing token.
   *
   * @return the delegate's status, or {@code BACKOFF} when not leading
   * @throws EventDeliveryException if the delegate fails
   */
  @Override
  public Sink.Status process() throws EventDeliveryException {
    LeaderGate g = gate;
    SinkProcessor d = delegate;
    Leadership leadership = g == null ? null : g.valid();
    if (leadership == null || d == null) {
      return Sink.Status.BACKOFF;
    }
    EPOCH.set(leadership.epoch());
    try {
      return d.process();
    } finally {
      EPOCH.remove();
    }
  }

  /**
   * Whether this agent drains the group now.
   *
   * @return {@code true} while leading
   */
  public boolean isLeader() {
    LeaderGate g = gate;
    return g != null && g.valid() != null;
  }

  /** Starts the sinks (through the delegate) and joins the election. */
  @Override
  public void start() {
    if (gate == null || delegate == null) {
      throw new IllegalStateException("sink processor was not configured");
    }
    delegate.start();
    gate.start(this);
    state = LifecycleState.START;
  }

  /** Leaves the election and stops the sinks. */
  @Override
  public void stop() {
    if (gate != null) {
      gate.stop();
    }
    if (delegate != null) {
      delegate.stop();
    }
    state = LifecycleState.STOP;
  }

  @Override
  public LifecycleState getLifecycleState() {
    return state;
  }

  @Override
  public void elected(Leadership leadership) {
    // process() asks the gate on every call: nothing to start.
  }

  @Override
  public void revoked(Leadership leadership, Reason reason) {
    // process() sees the revocation on its next call; a call in flight ends under the old epoch.
  }
}
