package dev.baton.config;

import dev.baton.Listenable;
import dev.baton.ListenerContract;
import dev.baton.codec.Codecs;

/** {@link ConfigGroup} keeps the listener contract; its default thread is the config pool. */
class ConfigGroupListenerContractTest extends ListenerContract<ConfigGroupListener> {
  private int next;

  @Override
  protected Listenable<ConfigGroupListener> open() {
    return coord.configGroup("contract");
  }

  @Override
  protected void trigger() {
    coord.configs().put("contract/key", Codecs.ofInt(), next++);
  }

  @Override
  protected ConfigGroupListener listener(Runnable heard) {
    return (previous, current, changedKeys) -> heard.run();
  }

  @Override
  protected boolean isDefaultDeliveryThread(String threadName) {
    return threadName.startsWith("baton-config-");
  }
}
