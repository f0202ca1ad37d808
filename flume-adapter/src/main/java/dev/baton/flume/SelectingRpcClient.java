package dev.baton.flume;

import dev.baton.registry.InstanceSelector;
import dev.baton.registry.ServiceInstance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.FlumeException;
import org.apache.flume.api.RpcClient;
import org.apache.flume.api.RpcClientConfigurationConstants;
import org.apache.flume.api.RpcClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RPC client over a registry view: each batch goes to the instance a core {@link
 * InstanceSelector} chooses, through one plain Avro client per instance, made on first use. A batch
 * that fails is reported to the selector and tried on the next choice, at most once per instance;
 * if all fail, the exception reaches the sink, whose transaction rolls back, so nothing is lost.
 * Once the view's membership changed, {@link #isActive()} is false and the sink builds a new
 * client.
 */
final class SelectingRpcClient implements RpcClient {
  private static final Logger LOG = LoggerFactory.getLogger(SelectingRpcClient.class);

  private final String service;
  private final InstanceSelector selector;
  private final Properties props;
  private final int batchSize;
  private final BooleanSupplier current;
  private final int instances;
  private final Map<String, RpcClient> clients = new HashMap<>();
  private volatile boolean closed;

  SelectingRpcClient(
      String service,
      InstanceSelector selector,
      int instances,
      Properties props,
      int batchSize,
      BooleanSupplier current) {
    this.service = service;
    this.selector = selector;
    this.instances = instances;
    this.props = props;
    this.batchSize = batchSize;
    this.current = current;
  }

  @Override
  public int getBatchSize() {
    return batchSize;
  }

  @Override
  public void append(Event event) throws EventDeliveryException {
    appendBatch(List.of(event));
  }

  @Override
  public synchronized void appendBatch(List<Event> events) throws EventDeliveryException {
    EventDeliveryException last = null;
    for (int attempt = 0; attempt < Math.max(1, instances); attempt++) {
      Optional<ServiceInstance> pick = selector.select();
      if (pick.isEmpty()) {
        throw new EventDeliveryException("no UP instance of service '" + service + "'");
      }
      ServiceInstance target = pick.get();
      try {
        client(target).appendBatch(events);
        selector.reportSuccess(target);
        return;
      } catch (EventDeliveryException | FlumeException e) {
        selector.reportError(target);
        RpcClient failed = clients.remove(target.id());
        if (failed != null) {
          failed.close();
        }
        LOG.warn("Sending to {} ({}) failed: {}", target.id(), target.address(), e.toString());
        last = new EventDeliveryException("sending to " + target.address() + " failed", e);
      }
    }
    throw last;
  }

  private RpcClient client(ServiceInstance target) {
    RpcClient c = clients.get(target.id());
    if (c == null) {
      Properties p = new Properties();
      p.putAll(props);
      p.setProperty(RpcClientConfigurationConstants.CONFIG_CLIENT_TYPE, "default");
      p.setProperty(RpcClientConfigurationConstants.CONFIG_HOSTS, "h1");
      p.setProperty(
          RpcClientConfigurationConstants.CONFIG_HOSTS_PREFIX + "h1",
          target.host() + ":" + target.port());
      c = RpcClientFactory.getInstance(p);
      clients.put(target.id(), c);
    }
    return c;
  }

  @Override
  public boolean isActive() {
    return !closed && current.getAsBoolean();
  }

  @Override
  public synchronized void close() throws FlumeException {
    closed = true;
    for (RpcClient c : clients.values()) {
      try {
        c.close();
      } catch (FlumeException e) {
        LOG.debug("Closing a client of service {} failed", service, e);
      }
    }
    clients.clear();
  }
}
