package dev.baton.bench;

import dev.baton.Coordinator;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceProvider;
import org.apache.curator.x.discovery.details.ServiceCacheListener;
import org.apache.curator.x.discovery.strategies.RoundRobinStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry implementations by name: the names are the {@code impl} parameter's values. */
final class Registries {
  private static final Logger LOG = LoggerFactory.getLogger(Registries.class);

  /**
   * Curator x-discovery: {@code ServiceDiscovery}, {@code ServiceCache}, {@code ServiceProvider}.
   */
  static final String CURATOR = "curator";

  // ---- Baton variant: "baton" (coord.registry().register(...), registry().watch(service) view
  // with a round-robin selector) goes here once dev.baton.registry is merged, and into the
  // @Param lists of RegistryBenchmark's states. ----

  private Registries() {}

  /** {@return the factory of {@code impl}} */
  static RegistryProbe.Factory named(String impl) {
    switch (impl) {
      case CURATOR:
        return CuratorProbe::new;
      default:
        throw new IllegalArgumentException("unknown registry implementation '" + impl + "'");
    }
  }

  private static final class CuratorProbe implements RegistryProbe {
    private static final String BASE = "/services";

    private final String service;
    private final ServiceDiscovery<Void> registrar;
    private final ServiceDiscovery<Void> viewer;
    private final ServiceCache<Void> cache;
    private final ServiceProvider<Void> provider;
    private final Map<String, ServiceInstance<Void>> registered = new ConcurrentHashMap<>();

    CuratorProbe(
        Coordinator registering, Coordinator viewing, String service, Runnable onViewChange)
        throws Exception {
      this.service = service;
      this.registrar = discovery(registering.curator());
      this.viewer = discovery(viewing.curator());
      this.cache = viewer.serviceCacheBuilder().name(service).build();
      cache.addListener(
          new ServiceCacheListener() {
            @Override
            public void cacheChanged() {
              onViewChange.run();
            }

            @Override
            public void stateChanged(CuratorFramework client, ConnectionState state) {}
          });
      cache.start();
      this.provider =
          viewer
              .serviceProviderBuilder()
              .serviceName(service)
              .providerStrategy(new RoundRobinStrategy<>())
              .build();
      provider.start();
    }

    private static ServiceDiscovery<Void> discovery(CuratorFramework client) throws Exception {
      ServiceDiscovery<Void> d =
          ServiceDiscoveryBuilder.builder(Void.class).client(client).basePath(BASE).build();
      d.start();
      return d;
    }

    @Override
    public void register(String id) throws Exception {
      ServiceInstance<Void> instance =
          ServiceInstance.<Void>builder()
              .name(service)
              .id(id)
              .address("127.0.0.1")
              .port(9000 + registered.size())
              .build();
      registrar.registerService(instance);
      registered.put(id, instance);
    }

    @Override
    public void unregister(String id) throws Exception {
      ServiceInstance<Void> instance = registered.remove(id);
      if (instance != null) {
        registrar.unregisterService(instance);
      }
    }

    @Override
    public boolean viewHas(String id) {
      for (ServiceInstance<Void> i : cache.getInstances()) {
        if (i.getId().equals(id)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int selectable() throws Exception {
      return provider.getAllInstances().size();
    }

    @Override
    public Object select() throws Exception {
      return provider.getInstance();
    }

    @Override
    public void close() {
      for (AutoCloseable c : new AutoCloseable[] {provider, cache, viewer, registrar}) {
        try {
          c.close();
        } catch (IOException e) {
          LOG.warn("closing {} failed", c, e);
        } catch (Exception e) {
          LOG.warn("closing {} failed", c, e);
        }
      }
    }
  }
}
