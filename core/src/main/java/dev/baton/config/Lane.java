package dev.baton.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's private queue: calls never overlap (one drain task at a time), come in the order
 * offered, and coalesce: of the changes waiting when the listener becomes free, only the newest is
 * delivered. Rejections are always delivered, in order.
 */
final class Lane<T> implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

  private final WatcherImpl<T> owner;
  private final ConfigListener<T> listener;
  private final Executor executor;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean removed;
  private Versioned<T> last; // touched only by the (serial) drain, after construction

  Lane(WatcherImpl<T> owner, ConfigListener<T> listener, Executor executor, Versioned<T> start) {
    this.owner = owner;
    this.listener = listener;
    this.executor = executor;
    this.last = start;
  }

  boolean serves(ConfigListener<?> candidate) {
    return listener == candidate;
  }

  void offerChange(Versioned<T> current) {
    queue.add(current);
    schedule();
  }

  void offerRejection(ConfigRejection rejection) {
    queue.add(rejection);
    schedule();
  }

  void remove() {
    removed = true;
    queue.clear();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        LOG.warn("Listener executor of config '{}' refused a notification", owner.key(), e);
      }
    }
  }

  @Override
  public void run() {
    List<Object> batch = new ArrayList<>();
    while (true) {
      for (Object ev; (ev = queue.poll()) != null; ) {
        batch.add(ev);
      }
      if (batch.isEmpty()) {
        scheduled.set(false);
        // An offer may have slipped in after the poll but seen scheduled still set: take it.
        if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      deliver(batch);
      batch.clear();
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(List<Object> batch) {
    int newestChange = -1;
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i) instanceof Versioned) {
        newestChange = i;
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      if (removed || !owner.isStarted()) {
        queue.clear();
        return;
      }
      Object ev = batch.get(i);
      if (ev instanceof ConfigRejection rejection) {
        call(() -> listener.onRejected(rejection));
      } else if (i == newestChange) {
        Versioned<T> current = (Versioned<T>) ev;
        Versioned<T> previous = last;
        last = current;
        call(() -> listener.onChange(previous, current));
      }
    }
  }

  private void call(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      LOG.error("A listener of config '{}' threw; other listeners are unaffected", owner.key(), e);
    }
  }
}
