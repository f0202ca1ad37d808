package dev.baton.config;

import dev.baton.Listenable;
import dev.baton.ListenerContract;
import dev.baton.codec.Codecs;

/** {@link ConfigWatcher} keeps the listener contract; its default thread is the config pool. */
class ConfigWatcherListenerContractTest extends ListenerContract<ConfigListener<Integer>> {
  private int next;

  @Override
  protected Listenable<ConfigListener<Integer>> open() {
    return coord.config("contract", Codecs.ofInt()).watch();
  }

  @Override
  protected void trigger() {
    coord.configs().put("contract", Codecs.ofInt(), next++);
  }

  @Override
  protected ConfigListener<Integer> listener(Runnable heard) {
    return (previous, current) -> heard.run();
  }

  @Override
  protected boolean isDefaultDeliveryThread(String threadName) {
    return threadName.startsWith("baton-config-");
  }
}
