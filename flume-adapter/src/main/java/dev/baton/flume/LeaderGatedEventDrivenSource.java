package dev.baton.flume;

import org.apache.flume.EventDrivenSource;
import org.apache.flume.Source;

/**
 * Runs an event-driven source (one that owns its threads, such as a syslog or HTTP listener behind
 * a floating address) on one agent at a time: the agent that leads the Baton election named by
 * {@code election}.
 *
 * <pre>{@code
 * a1.sources.feed.type = dev.baton.flume.LeaderGatedEventDrivenSource
 * a1.sources.feed.channels = c1
 * a1.sources.feed.election = vip-listener
 * a1.sources.feed.delegate.type = http
 * a1.sources.feed.delegate.port = 8080
 * }</pre>
 *
 * <p>The delegate, built from {@code delegate.type} and the {@code delegate.*} properties, is
 * started when this agent is elected and stopped, on the election's thread, when the leadership
 * ends; leadership ends as soon as the connection to ZooKeeper is suspended, before another agent
 * can be elected. Settings as for {@link LeaderGatedPollableSource}.
 *
 * @since 0.1
 */
public final class LeaderGatedEventDrivenSource extends GatedSource implements EventDrivenSource {
  /** Creates the source; Flume calls this, then {@code configure}. */
  public LeaderGatedEventDrivenSource() {}

  @Override
  Class<? extends Source> kind() {
    return EventDrivenSource.class;
  }
}
