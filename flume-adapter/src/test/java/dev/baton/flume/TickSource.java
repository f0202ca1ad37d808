package dev.baton.flume;

import java.nio.charset.StandardCharsets;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.source.AbstractPollableSource;

/**
 * A real pollable source that emits one numbered event per poll and then backs off, so that the
 * runner's configured back-off paces it: a steady trickle, unlike the sequence generator's flood.
 */
public class TickSource extends AbstractPollableSource {
  private long next;

  @Override
  protected void doConfigure(Context context) throws FlumeException {}

  @Override
  protected void doStart() throws FlumeException {}

  @Override
  protected void doStop() throws FlumeException {}

  @Override
  protected Status doProcess() throws EventDeliveryException {
    getChannelProcessor()
        .processEvent(EventBuilder.withBody(Long.toString(next++), StandardCharsets.UTF_8));
    return Status.BACKOFF;
  }
}
