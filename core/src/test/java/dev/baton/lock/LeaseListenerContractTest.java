package dev.baton.lock;

import dev.baton.Listenable;
import dev.baton.ListenerContract;

/**
 * {@link LockLease} keeps the listener contract: an expired session makes it notify (lost); by
 * default a listener runs on the thread that learns of the loss, here Curator's connection-state
 * thread.
 */
class LeaseListenerContractTest extends ListenerContract<LeaseListener> {
  @Override
  protected Listenable<LeaseListener> open() throws Exception {
    return coord.lock("contract").acquire(WAIT);
  }

  @Override
  protected void trigger() {
    zk.expireSession(coord.curator());
  }

  @Override
  protected LeaseListener listener(Runnable heard) {
    return lease -> heard.run();
  }

  @Override
  protected boolean isDefaultDeliveryThread(String threadName) {
    return threadName.startsWith("baton-curator-");
  }
}
