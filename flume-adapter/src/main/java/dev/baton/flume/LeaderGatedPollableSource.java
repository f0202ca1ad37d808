package dev.baton.flume;

import org.apache.flume.EventDeliveryException;
import org.apache.flume.PollableSource;
import org.apache.flume.Source;

/**
 * Runs a pollable source (a JDBC or HTTP poller, a spooling directory on shared storage) on one
 * agent at a time: the agent that leads the Baton election named by {@code election}. Every other
 * agent polls nothing and backs off.
 *
 * <pre>{@code
 * a1.sources.poll.type = dev.baton.flume.LeaderGatedPollableSource
 * a1.sources.poll.channels = c1
 * a1.sources.poll.election = orders-poller
 * a1.sources.poll.delegate.type = org.example.JdbcPollingSource
 * a1.sources.poll.delegate.query = select * from orders where id > ?
 * }</pre>
 *
 * <p>The delegate is built from {@code delegate.type} (a Flume alias or a class) and configured
 * with the {@code delegate.*} properties, prefix removed. It is started when this agent is elected
 * and stopped when the leadership ends; a revocation waits for a poll in flight, so the delegate
 * has stopped before the revocation is over. Leadership is revoked as soon as the connection to
 * ZooKeeper is suspended, before the session can expire and another agent be elected. The ensemble
 * is the agent's ({@link BatonConfigurationProvider}) unless {@code baton.connect} is set (see
 * {@link FlumeCoordinatorSettings}); {@code participantId} names this agent in the election
 * (default {@code pid@host/source 'name'}). The compiled example is the agent config in {@code
 * dev.baton.flume.LeaderGatedSourceTest}.
 *
 * @since 0.1
 */
public final class LeaderGatedPollableSource extends GatedSource implements PollableSource {
  /** Creates the source; Flume calls this, then {@code configure}. */
  public LeaderGatedPollableSource() {}

  @Override
  Class<? extends Source> kind() {
    return PollableSource.class;
  }

  /**
   * Polls the delegate once if this agent leads, and backs off otherwise.
   *
   * @return the delegate's status, or {@code BACKOFF} when not leading
   * @throws EventDeliveryException if the delegate's poll fails
   */
  @Override
  public Status process() throws EventDeliveryException {
    synchronized (delegateLock) {
      if (!delegateRunning || !isLeader() || delegate == null) {
        return Status.BACKOFF;
      }
      return ((PollableSource) delegate).process();
    }
  }

  /** {@return the delegate's back-off increment in milliseconds} */
  @Override
  public long getBackOffSleepIncrement() {
    return delegate instanceof PollableSource p ? p.getBackOffSleepIncrement() : 1000;
  }

  /** {@return the delegate's longest back-off in milliseconds} */
  @Override
  public long getMaxBackOffSleepInterval() {
    return delegate instanceof PollableSource p ? p.getMaxBackOffSleepInterval() : 5000;
  }
}
