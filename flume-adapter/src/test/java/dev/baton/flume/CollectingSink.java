package dev.baton.flume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurable;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.sink.AbstractSink;

/**
 * A real Flume sink that hands what it takes to the {@link Collector} named by {@code collector}.
 */
public class CollectingSink extends AbstractSink implements Configurable {
  private Collector collector;

  @Override
  public void configure(Context context) {
    String name = context.getString("collector");
    if (name == null) {
      throw new IllegalArgumentException("collector is required");
    }
    collector = Collector.named(name);
  }

  @Override
  public Status process() throws EventDeliveryException {
    if (collector.held()) {
      return Status.BACKOFF;
    }
    Channel channel = getChannel();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      List<Event> batch = new ArrayList<>();
      Event e;
      while (batch.size() < 100 && (e = channel.take()) != null) {
        HashMap<String, String> headers = new HashMap<>(e.getHeaders());
        // What a custom sink does with the gated sink processor's fencing-token hook.
        LeaderGatedSinkProcessor.fencingToken()
            .ifPresent(t -> headers.put("hook.epoch", Long.toString(t)));
        batch.add(EventBuilder.withBody(e.getBody(), headers));
      }
      tx.commit();
      collector.addAll(batch);
      return batch.isEmpty() ? Status.BACKOFF : Status.READY;
    } catch (RuntimeException ex) {
      tx.rollback();
      throw new EventDeliveryException(ex);
    } finally {
      tx.close();
    }
  }
}
