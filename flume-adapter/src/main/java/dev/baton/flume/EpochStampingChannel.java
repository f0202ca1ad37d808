package dev.baton.flume;

import java.util.function.LongSupplier;
import org.apache.flume.Channel;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.lifecycle.LifecycleState;

/**
 * The channel a gated sink sees: the real channel, whose {@code take()} also writes the leader's
 * epoch into the event's {@value LeaderGatedSinkProcessor#EPOCH_HEADER} header. Sinks take events
 * themselves, so the channel is the one place the processor can reach every event a sink writes.
 * Lifecycle calls pass through; Flume starts and stops the real channel, not this view.
 */
final class EpochStampingChannel implements Channel {
  private final Channel channel;
  // The epoch of the leadership under which the current thread drains, or -1.
  private final LongSupplier epoch;

  EpochStampingChannel(Channel channel, LongSupplier epoch) {
    this.channel = channel;
    this.epoch = epoch;
  }

  Channel unwrap() {
    return channel;
  }

  @Override
  public Event take() throws ChannelException {
    Event e = channel.take();
    long token = epoch.getAsLong();
    if (e != null && token >= 0) {
      e.getHeaders().put(LeaderGatedSinkProcessor.EPOCH_HEADER, Long.toString(token));
    }
    return e;
  }

  @Override
  public void put(Event event) throws ChannelException {
    channel.put(event);
  }

  @Override
  public Transaction getTransaction() {
    return channel.getTransaction();
  }

  @Override
  public void setName(String name) {
    channel.setName(name);
  }

  @Override
  public String getName() {
    return channel.getName();
  }

  @Override
  public void start() {
    channel.start();
  }

  @Override
  public void stop() {
    channel.stop();
  }

  @Override
  public LifecycleState getLifecycleState() {
    return channel.getLifecycleState();
  }

  @Override
  public String toString() {
    return channel.toString();
  }
}
