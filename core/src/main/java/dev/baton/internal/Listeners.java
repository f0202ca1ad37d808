package dev.baton.internal;

import dev.baton.ListenerHandle;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of listeners, each with its own executor, called in isolation: one listener's exception is
 * logged and never reaches the others or the caller.
 *
 * @param <L> the listener type
 */
public final class Listeners<L> {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final String owner;
  private final CopyOnWriteArrayList<Entry<L>> entries = new CopyOnWriteArrayList<>();

  /**
   * Creates an empty set.
   *
   * @param owner what the listeners listen to, for log messages
   */
  public Listeners(String owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /**
   * Adds a listener called on the notifying thread.
   *
   * @param listener the listener
   * @return a handle that removes it
   */
  public ListenerHandle add(L listener) {
    return add(listener, Runnable::run);
  }

  /**
   * Adds a listener called on {@code executor}.
   *
   * @param listener the listener
   * @param executor where it runs
   * @return a handle that removes it
   */
  public ListenerHandle add(L listener, Executor executor) {
    Entry<L> entry =
        new Entry<>(
            Objects.requireNonNull(listener, "listener"),
            Objects.requireNonNull(executor, "executor"));
    entries.add(entry);
    return () -> entries.remove(entry);
  }

  /**
   * Removes every registration of {@code listener}.
   *
   * @param listener the listener
   */
  public void remove(L listener) {
    entries.removeIf(e -> e.listener == listener);
  }

  /** Removes every listener. */
  public void clear() {
    entries.clear();
  }

  /** {@return how many listeners are registered} */
  public int size() {
    return entries.size();
  }

  /**
   * Calls {@code call} for every listener, each on its own executor, each inside its own try/catch.
   *
   * @param call what to do with each listener
   */
  public void forEach(Consumer<? super L> call) {
    for (Entry<L> e : entries) {
      try {
        e.executor.execute(() -> callSafely(e.listener, call));
      } catch (RejectedExecutionException rejected) {
        LOG.warn("Listener executor of {} refused a notification", owner, rejected);
      }
    }
  }

  private void callSafely(L listener, Consumer<? super L> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      LOG.error("A listener of {} threw; other listeners are unaffected", owner, e);
    }
  }

  private record Entry<L>(L listener, Executor executor) {}
}
