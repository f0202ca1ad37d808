package dev.baton.flume;

import dev.baton.election.Leadership;
import dev.baton.election.Reason;
import org.apache.flume.Context;
import org.apache.flume.Source;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.conf.Configurables;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.source.AbstractSource;
import org.apache.flume.source.DefaultSourceFactory;
import org.jspecify.annotations.Nullable;

/**
 * What both gated sources share: the delegate built from {@code delegate.type} and the {@code
 * delegate.*} sub-context, and a {@link LeaderGate} that starts the delegate when this agent is
 * elected and stops it when the leadership ends. Flume picks a source's runner by the interfaces
 * the source implements, so each kind of delegate needs its own public wrapper.
 */
abstract class GatedSource extends AbstractSource
    implements Configurable, BatchSizeSupported, LeaderGate.Holder {
  static final String DELEGATE = "delegate.";

  // Guards the delegate's running state; held by a pollable delegate's process() too, so that a
  // revocation waits for a poll in flight and the delegate is stopped when revoked() returns.
  final Object delegateLock = new Object();
  @Nullable Source delegate;
  boolean delegateRunning;
  private @Nullable LeaderGate gate;

  /** The interface a delegate must implement for this wrapper. */
  abstract Class<? extends Source> kind();

  @Override
  public void configure(Context context) {
    String type = context.getString(DELEGATE + "type");
    String who = "source '" + getName() + "'";
    if (type == null || type.isBlank()) {
      throw new ConfigurationException(who + ": missing required property 'delegate.type'");
    }
    Source d = new DefaultSourceFactory().create(getName(), type.trim());
    if (!kind().isInstance(d)) {
      throw new ConfigurationException(
          who + ": 'delegate.type' = '" + type + "' is not a " + kind().getSimpleName());
    }
    Configurables.configure(d, new Context(context.getSubProperties(DELEGATE)));
    gate = new LeaderGate(who, context);
    delegate = d;
  }

  @Override
  public synchronized void setChannelProcessor(ChannelProcessor processor) {
    super.setChannelProcessor(processor);
    if (delegate != null) {
      delegate.setChannelProcessor(processor);
    }
  }

  @Override
  public synchronized void start() {
    if (gate == null) {
      throw new IllegalStateException("source '" + getName() + "' was not configured");
    }
    gate.start(this);
    super.start();
  }

  @Override
  public synchronized void stop() {
    if (gate != null) {
      gate.stop();
    }
    stopDelegate();
    super.stop();
  }

  @Override
  public void elected(Leadership leadership) {
    synchronized (delegateLock) {
      if (!delegateRunning && delegate != null) {
        delegate.start();
        delegateRunning = true;
      }
    }
  }

  @Override
  public void revoked(Leadership leadership, Reason reason) {
    stopDelegate();
  }

  private void stopDelegate() {
    synchronized (delegateLock) {
      if (delegateRunning && delegate != null) {
        delegateRunning = false;
        delegate.stop();
      }
    }
  }

  /**
   * Whether this agent holds the source's leadership now, so that its delegate runs.
   *
   * @return {@code true} while leading
   */
  public boolean isLeader() {
    LeaderGate g = gate;
    return g != null && g.valid() != null;
  }

  /**
   * The delegate's batch size, so that Flume checks it against the channel's transaction capacity.
   *
   * @return the delegate's batch size, or 0 if it has none
   */
  @Override
  public long getBatchSize() {
    return delegate instanceof BatchSizeSupported b ? b.getBatchSize() : 0;
  }
}
