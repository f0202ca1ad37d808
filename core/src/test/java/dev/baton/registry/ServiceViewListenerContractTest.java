package dev.baton.registry;

import dev.baton.Listenable;
import dev.baton.ListenerContract;

/** {@link ServiceView} keeps the listener contract; its default thread is the view thread. */
class ServiceViewListenerContractTest extends ListenerContract<ServiceViewListener> {
  private int next;

  @Override
  protected Listenable<ServiceViewListener> open() {
    return coord.registry().watch("contract");
  }

  @Override
  protected void trigger() {
    coord
        .registry()
        .register(ServiceInstance.builder("contract").id("i" + next++).host("h").port(1).build());
  }

  @Override
  protected ServiceViewListener listener(Runnable heard) {
    return (added, removed, updated) -> heard.run();
  }

  @Override
  protected boolean isDefaultDeliveryThread(String threadName) {
    return threadName.startsWith("baton-registry-view-");
  }
}
