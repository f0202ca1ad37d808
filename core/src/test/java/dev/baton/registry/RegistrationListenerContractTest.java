package dev.baton.registry;

import dev.baton.CoordinationException;
import dev.baton.Listenable;
import dev.baton.ListenerContract;

/**
 * {@link Registration} keeps the listener contract: an expired session makes it notify (lost, then
 * re-registered); its default thread is the registry's thread.
 */
class RegistrationListenerContractTest extends ListenerContract<RegistrationListener> {
  @Override
  protected Listenable<RegistrationListener> open() {
    return coord
        .registry()
        .register(ServiceInstance.builder("contract").id("me").host("h").port(1).build());
  }

  @Override
  protected void trigger() {
    zk.expireSession(coord.curator());
  }

  @Override
  protected RegistrationListener listener(Runnable heard) {
    return new RegistrationListener() {
      @Override
      public void onLost(ServiceInstance instance) {
        heard.run();
      }

      @Override
      public void onReRegistered(ServiceInstance instance, long sessionId) {
        heard.run();
      }

      @Override
      public void onReRegistrationFailed(CoordinationException cause, int attempt) {
        heard.run();
      }
    };
  }

  @Override
  protected boolean isDefaultDeliveryThread(String threadName) {
    return threadName.startsWith("baton-registry-") && !threadName.contains("view");
  }
}
