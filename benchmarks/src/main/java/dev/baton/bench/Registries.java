package dev.baton.bench;

import dev.baton.Coordinator;
import dev.baton.registry.InstanceSelector;
import dev.baton.registry.Registration;
import dev.baton.registry.SelectionStrategy;
import dev.baton.registry.ServiceRegistry;
import dev.baton.registry.ServiceView;
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

  /**
   * Baton's registry: {@code coord.registry().register(...)}, a {@code registry().watch(service)}
   * view and its round-robin selector (default down-instance policy, like {@code ServiceProvider}).
   */
  static final String BATON = "baton";

  private Registries() {}

  /** {@return the factory of {@code impl}} */
  static RegistryProbe.Factory named(String impl) {
    switch (impl) {
      case CURATOR:
        return CuratorProbe::new;
      case BATON:
        return BatonProbe::new;
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

  private static final class BatonProbe implements RegistryProbe {
    private final String service;
    private final ServiceRegistry registrar;
    private final ServiceView view;
    private final InstanceSelector selector;
    private final Map<String, Registration> registered = new ConcurrentHashMap<>();

    BatonProbe(
        Coordinator registering, Coordinator viewing, String service, Runnable onViewChange) {
      this.service = service;
      this.registrar = registering.registry();
      this.view = viewing.registry().watch(service);
      view.addListener((added, removed, updated) -> onViewChange.run());
      this.selector = view.selector(SelectionStrategy.roundRobin());
    }

    @Override
    public void register(String id) {
      Registration r =
          registrar.register(
              dev.baton.registry.ServiceInstance.builder(service)
                  .id(id)
                  .host("127.0.0.1")
                  .port(9000 + registered.size())
                  .build());
      registered.put(id, r);
    }

    @Override
    public void unregister(String id) {
      Registration r = registered.remove(id);
      if (r != null) {
        r.close();
      }
    }

    @Override
    public boolean viewHas(String id) {
      return view.instance(id).isPresent();
    }

    @Override
    public int selectable() {
      return view.instances().size();
    }

    @Override
    public Object select() {
      return selector.select().orElseThrow();
    }

    @Override
    public void close() {
      view.close();
      for (Registration r : registered.values()) {
        r.close();
      }
      registered.clear();
    }
  }
}
