package dev.baton.internal;

import dev.baton.ListenerHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of listeners, each with its own executor, called in isolation: one listener's exception is
 * logged and never reaches the others or the caller. Calls to one listener never overlap and keep
 * the order of {@link #forEach}, whatever its executor: a pool executor is wrapped so that it runs
 * one call of that listener at a time. Every recipe's {@code addListener/removeListener} door is
 * built on this class.
 *
 * @param <L> the listener type
 */
public final class Listeners<L> {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private static final Executor DIRECT = Runnable::run;

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
    return add(listener, DIRECT);
  }

  /**
   * Adds a listener called on {@code executor}, one call at a time.
   *
   * @param listener the listener
   * @param executor where it runs
   * @return a handle that removes it
   */
  public ListenerHandle add(L listener, Executor executor) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(executor, "executor");
    // The calling thread runs a direct listener's calls in order already; any other executor
    // (a pool, perhaps) gets a sequential view so that one listener's calls never overlap.
    Executor serial = executor == DIRECT ? executor : new SerialExecutor(executor);
    Entry<L> entry = new Entry<>(listener, serial);
    entries.add(entry);
    return () -> entries.remove(entry);
  }

  /**
   * Removes every registration of {@code listener}.
   *
   * @param listener the listener
   */
  public void remove(L listener) {
    Objects.requireNonNull(listener, "listener");
    entries.removeIf(e -> e.listener == listener);
  }

  /**
   * Removes every listener that matches.
   *
   * @param which which listeners to remove
   * @return the removed listeners
   */
  public List<L> removeIf(Predicate<? super L> which) {
    List<L> removed = new ArrayList<>();
    for (Entry<L> e : entries) {
      if (which.test(e.listener) && entries.remove(e)) {
        removed.add(e.listener);
      }
    }
    return removed;
  }

  /**
   * Whether {@code listener} is registered.
   *
   * @param listener the listener
   * @return {@code true} if at least one registration of it remains
   */
  public boolean contains(L listener) {
    for (Entry<L> e : entries) {
      if (e.listener == listener) {
        return true;
      }
    }
    return false;
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
