package dev.baton.flume;

import dev.baton.CoordinatorPool;
import dev.baton.ListenerHandle;
import dev.baton.registry.InstanceSelector;
import dev.baton.registry.SelectionStrategy;
import dev.baton.registry.ServiceView;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flume.Context;
import org.apache.flume.api.AbstractRpcClient;
import org.apache.flume.api.RpcClient;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.sink.AvroSink;
import org.jspecify.annotations.Nullable;

/**
 * An Avro sink whose downstream collectors come from Baton's service registry instead of a fixed
 * host list: a collector that registers starts receiving, one that goes away stops, without a
 * config reload.
 *
 * <pre>{@code
 * a1.sinks.k1.type = dev.baton.flume.RegistryAvroSink
 * a1.sinks.k1.channel = c1
 * a1.sinks.k1.service = collector
 * a1.sinks.k1.selection = round_robin
 * a1.sinks.k1.batch-size = 100
 * }</pre>
 *
 * <p>{@code service} (required) names the registry service, whose instances are Avro sources (see
 * {@link RegistryMonitorService}, which registers them). {@code selection} chooses among the {@code
 * UP} instances with a core {@link SelectionStrategy}: {@code round_robin} (default), {@code
 * random} or {@code sticky}. Each batch goes to one chosen instance; a batch that fails is tried on
 * the next choice, and if every instance fails the channel transaction rolls back and the batch is
 * retried later, so no event is lost. The failing instance is skipped for a while. When the
 * membership changes, the sink's RPC client reports itself inactive and Flume's {@code
 * AbstractRpcSink} builds a new one. Every other {@code AvroSink} property (timeouts, compression,
 * SSL) applies to each connection; {@code hostname} and {@code port} are not needed. The ensemble
 * is the agent's unless {@code baton.connect} is set (see {@link FlumeCoordinatorSettings}). The
 * compiled example is the agent config in {@code dev.baton.flume.RegistryAvroSinkTest}.
 *
 * @since 0.1
 */
public final class RegistryAvroSink extends AvroSink {
  /** Property naming the registry service. */
  public static final String SERVICE = "service";

  /** Property naming the selection strategy. */
  public static final String SELECTION = "selection";

  private @Nullable String service;
  private SelectionStrategy strategy = SelectionStrategy.roundRobin();
  private @Nullable Context context;
  private CoordinatorPool.@Nullable Handle lease;
  private volatile @Nullable ServiceView view;
  private @Nullable ListenerHandle listening;
  // Bumped on every membership change; a client built at an older generation is stale.
  private final AtomicLong generation = new AtomicLong();

  /** Creates the sink; Flume calls this, then {@code configure}. */
  public RegistryAvroSink() {}

  /**
   * Reads {@code service} and {@code selection}, then the usual Avro sink properties.
   *
   * @param context the sink's properties
   * @throws ConfigurationException if {@code service} is missing or {@code selection} unknown
   */
  @Override
  public void configure(Context context) {
    String name = context.getString(SERVICE);
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          "sink '" + getName() + "': missing required property '" + SERVICE + "'");
    }
    String selection = context.getString(SELECTION, "round_robin").trim();
    strategy =
        switch (selection.toLowerCase(Locale.ROOT)) {
          case "round_robin" -> SelectionStrategy.roundRobin();
          case "random" -> SelectionStrategy.random();
          case "sticky" -> SelectionStrategy.sticky();
          default ->
              throw new ConfigurationException(
                  "sink '"
                      + getName()
                      + "': '"
                      + SELECTION
                      + "' = '"
                      + selection
                      + "' is not round_robin, random or sticky");
        };
    Context withPlaceholders = new Context(context.getParameters());
    // AbstractRpcSink insists on a host and port; the registry supplies the real ones.
    withPlaceholders.put("hostname", "registry");
    withPlaceholders.put("port", "1");
    super.configure(withPlaceholders);
    this.service = name.trim();
    this.context = context;
  }

  /** Starts watching the service, then connects as Flume's Avro sink does. */
  @Override
  public synchronized void start() {
    if (service == null || context == null) {
      throw new IllegalStateException("sink '" + getName() + "' was not configured");
    }
    lease = SharedCoordinators.acquire(context, "sink '" + getName() + "'");
    ServiceView v = lease.coordinator().registry().watch(service);
    listening =
        v.addListener(
            (added, removed, updated) -> {
              generation.incrementAndGet();
              CoordinationCounter.get().registryChanged();
            });
    view = v;
    super.start();
  }

  /** Disconnects, then stops watching. */
  @Override
  public synchronized void stop() {
    super.stop();
    if (listening != null) {
      listening.close();
      listening = null;
    }
    if (view != null) {
      view.close();
      view = null;
    }
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }

  /**
   * A client over the service's current instances, stale once membership changes.
   *
   * @param props the sink's client properties
   * @return the client
   */
  @Override
  protected RpcClient initializeRpcClient(Properties props) {
    ServiceView v = view;
    if (v == null) {
      throw new IllegalStateException("sink '" + getName() + "' is not started");
    }
    long built = generation.get();
    InstanceSelector selector = v.selector(strategy);
    return new SelectingRpcClient(
        v.name(),
        selector,
        v.instances().size(),
        props,
        AbstractRpcClient.parseBatchSize(props),
        () -> generation.get() == built);
  }
}
