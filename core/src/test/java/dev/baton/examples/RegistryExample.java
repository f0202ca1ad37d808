package dev.baton.examples;

import dev.baton.Coordinator;
import dev.baton.registry.DownInstancePolicy;
import dev.baton.registry.InstanceSelector;
import dev.baton.registry.Registration;
import dev.baton.registry.SelectionStrategy;
import dev.baton.registry.ServiceInstance;
import dev.baton.registry.ServiceRegistry;
import dev.baton.registry.ServiceView;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples in the javadoc of {@link ServiceRegistry}, {@link ServiceView}, {@link
 * InstanceSelector}, {@link DownInstancePolicy}, {@link ServiceInstance} and {@code
 * Coordinator.registry()}, compiled so that they cannot rot.
 */
final class RegistryExample {
  private static final Logger log = LoggerFactory.getLogger(RegistryExample.class);

  final List<String> sent = new ArrayList<>();

  /** {@link ServiceRegistry} and {@code Coordinator.registry()}. */
  Registration registerAndPick(Coordinator coord) {
    ServiceRegistry registry = coord.registry();
    Registration me =
        registry.register(ServiceInstance.builder("collector").host("10.0.0.7").port(4141).build());

    ServiceView collectors = registry.watch("collector");
    InstanceSelector pick = collectors.selector(SelectionStrategy.roundRobin());
    pick.select().ifPresent(c -> send(c.address()));
    return me;
  }

  /** {@link ServiceInstance}. */
  static ServiceInstance collector() {
    return ServiceInstance.builder("collector")
        .host("10.0.0.7")
        .port(4141)
        .putMetadata("zone", "eu-west-1a")
        .build();
  }

  /** {@link ServiceView}. */
  ServiceInstance ownerOf(Coordinator coord, String customerId) throws InterruptedException {
    ServiceView collectors = coord.registry().watch("collector");
    collectors.addListener((added, removed, updated) -> log.info("+{} -{}", added, removed));
    collectors.awaitInstances(1, Duration.ofSeconds(30));
    InstanceSelector pick = collectors.selector(SelectionStrategy.consistentHash());
    ServiceInstance owner = pick.select(customerId).orElseThrow();
    return owner;
  }

  /** {@link InstanceSelector}. */
  void sendWithErrorReports(ServiceView view) throws IOException {
    InstanceSelector pick = view.selector(SelectionStrategy.roundRobin());
    ServiceInstance target = pick.select().orElseThrow(() -> new IOException("no collector"));
    try {
      send(target);
      pick.reportSuccess(target);
    } catch (IOException e) {
      pick.reportError(target); // excluded for a while after repeated errors
    }
  }

  /** {@link DownInstancePolicy}. */
  static InstanceSelector strictSelector(ServiceView view) {
    DownInstancePolicy policy =
        DownInstancePolicy.custom().errorThreshold(2).exclusion(Duration.ofSeconds(10)).build();
    InstanceSelector pick = view.selector(SelectionStrategy.random(), policy);
    return pick;
  }

  private void send(String address) {
    sent.add(address);
  }

  private void send(ServiceInstance target) throws IOException {
    send(target.address());
  }
}
