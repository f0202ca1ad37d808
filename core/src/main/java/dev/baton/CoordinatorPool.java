package dev.baton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinators shared by reference count: one {@link Coordinator} (one ZooKeeper session) per key,
 * opened by the first {@link #acquire acquire} and closed when the last {@link Handle} closes. For
 * hosts that create many components, each of which needs ZooKeeper, and that must not open one
 * session per component: Flume builds new components on every configuration reload, Flink opens one
 * operator per subtask.
 *
 * <p>The <em>key</em> names the settings: two acquisitions with equal keys get the same
 * coordinator. It must have value equality ({@code equals} and {@code hashCode}, a record is ideal)
 * and cover every setting the factory reads (connect string, namespace, authentication, timeouts,
 * client configuration), or two callers with different settings would share one session. Its {@code
 * toString()} appears in the log, so it must not show credentials. An optional <em>scope</em>,
 * compared by identity, separates coordinators with equal keys, e.g. one per user-code classloader,
 * and {@link #closeScope} closes all of a scope's coordinators at once, whatever their reference
 * counts.
 *
 * <pre>{@code
 * record Settings(String connect, String namespace) {
 *   Coordinator build() {
 *     return Coordinator.builder().connectString(connect).namespace(namespace).build();
 *   }
 * }
 *
 * static final CoordinatorPool POOL = CoordinatorPool.create();
 *
 * Settings settings = new Settings("zk1:2181", "pipelines/clickstream");
 * try (CoordinatorPool.Handle a = POOL.acquire(settings, settings::build);
 *     CoordinatorPool.Handle b = POOL.acquire(settings, settings::build)) {
 *   // a.coordinator() == b.coordinator(): one session for both
 * } // the last handle closed: the coordinator closes
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.CoordinatorPoolExample} in
 * the test sources.
 *
 * <p>A shared coordinator belongs to the pool: close what you made through it (watchers,
 * registrations, leases), then your handle, never the coordinator itself. If someone closes it
 * anyway, the next acquisition for its key opens a new one. A release that races an acquisition
 * never hands out a coordinator that is closing: the last release takes the coordinator out of the
 * pool before closing it, and the acquisition then opens a new one.
 *
 * <p>Thread-safe. The factory runs under the pool's lock, so it should only build the coordinator
 * ({@link CoordinatorBuilder#build()} starts the client and connects in the background); closing
 * happens outside the lock.
 *
 * @since 0.1
 */
public final class CoordinatorPool {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorPool.class);

  /** A pool slot: the key, within a scope compared by identity. */
  private record Slot(@Nullable Object scope, Object key) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Slot s && s.scope == scope && s.key.equals(key);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(scope) + key.hashCode();
    }
  }

  private static final class Entry {
    final Slot slot;
    final Coordinator coordinator;
    int references; // guarded by the pool's lock

    Entry(Slot slot, Coordinator coordinator) {
      this.slot = slot;
      this.coordinator = coordinator;
    }
  }

  private final Map<Slot, Entry> entries = new HashMap<>(); // guarded by itself

  private CoordinatorPool() {}

  /**
   * An empty pool. Hosts usually keep one in a static field, so that the components of a JVM share
   * it.
   *
   * @return a new pool
   */
  public static CoordinatorPool create() {
    return new CoordinatorPool();
  }

  /**
   * One more reference to the coordinator for {@code key}, without a scope; see {@link
   * #acquire(Object, Object, Supplier)}.
   *
   * @param key the settings, with value equality
   * @param factory builds the coordinator if the pool has none for the key
   * @return a handle; close it when done
   * @throws NullPointerException if an argument is null or the factory returns null
   * @throws RuntimeException whatever the factory throws; the pool is then unchanged
   */
  public Handle acquire(Object key, Supplier<? extends Coordinator> factory) {
    return acquire(null, key, factory);
  }

  /**
   * One more reference to the coordinator for {@code key} within {@code scope}, built by {@code
   * factory} if the pool holds none (or only one that was closed behind its back).
   *
   * @param scope what the coordinator belongs to besides its settings, compared by identity (e.g. a
   *     classloader), or {@code null} for none
   * @param key the settings, with value equality
   * @param factory builds the coordinator if needed; runs under the pool's lock
   * @return a handle; close it when done
   * @throws NullPointerException if {@code key} or {@code factory} is null, or the factory returns
   *     null
   * @throws RuntimeException whatever the factory throws; the pool is then unchanged
   */
  public Handle acquire(
      @Nullable Object scope, Object key, Supplier<? extends Coordinator> factory) {
    Slot slot = new Slot(scope, Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(factory, "factory");
    Entry entry;
    synchronized (entries) {
      entry = entries.get(slot);
      if (entry == null || entry.coordinator.isClosed()) {
        Coordinator built = Objects.requireNonNull(factory.get(), "factory returned null");
        entry = new Entry(slot, built);
        entries.put(slot, entry);
        LOG.info("Opened the shared coordinator for {}", key);
      }
      entry.references++;
    }
    return new Handle(this, entry);
  }

  /**
   * Closes every coordinator of {@code scope} now, whatever its reference count, e.g. when the
   * classloader it belongs to is released. Handles still open stay harmless: closing them later
   * does nothing, and the next acquisition in the scope opens a new coordinator.
   *
   * @param scope the scope, compared by identity
   * @return how many coordinators were closed
   * @throws NullPointerException if {@code scope} is null
   */
  public int closeScope(Object scope) {
    Objects.requireNonNull(scope, "scope");
    List<Entry> left = new ArrayList<>();
    synchronized (entries) {
      entries
          .values()
          .removeIf(
              e -> {
                if (e.slot.scope() == scope) {
                  left.add(e);
                  return true;
                }
                return false;
              });
    }
    for (Entry e : left) {
      int references;
      synchronized (entries) {
        references = e.references;
      }
      if (references > 0) {
        LOG.warn(
            "Closing the shared coordinator for {} with {} unreleased reference(s)",
            e.slot.key(),
            references);
      }
      e.coordinator.close();
    }
    return left.size();
  }

  /**
   * The coordinators the pool holds now, e.g. to look at their sessions.
   *
   * @return a snapshot, in no particular order
   */
  public List<Coordinator> coordinators() {
    synchronized (entries) {
      return entries.values().stream().map(e -> e.coordinator).toList();
    }
  }

  /**
   * How many coordinators the pool holds now.
   *
   * @return the number of coordinators
   */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private void release(Entry entry) {
    synchronized (entries) {
      if (--entry.references > 0 || entries.get(entry.slot) != entry) {
        return; // still used, or already taken out (closeScope, or replaced after an outside close)
      }
      entries.remove(entry.slot);
    }
    // Outside the lock: closing may wait for ZooKeeper (about two seconds at most) and must not
    // hold up acquisitions, which find the slot empty and open a new coordinator.
    entry.coordinator.close();
    LOG.info("Closed the shared coordinator for {}", entry.slot.key());
  }

  /**
   * One reference to a shared coordinator. Closing it releases the reference; the last one closes
   * the coordinator. Thread-safe.
   *
   * @since 0.1
   */
  public static final class Handle implements AutoCloseable {
    private final CoordinatorPool pool;
    private final Entry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Handle(CoordinatorPool pool, Entry entry) {
      this.pool = pool;
      this.entry = entry;
    }

    /**
     * The shared coordinator, possibly not connected yet. Do not close it; after this handle is
     * closed, do not use it either.
     *
     * @return the coordinator
     */
    public Coordinator coordinator() {
      return entry.coordinator;
    }

    /**
     * Whether this handle is closed.
     *
     * @return {@code true} once {@link #close()} was called
     */
    public boolean isClosed() {
      return closed.get();
    }

    /** Releases this reference; the last one closes the coordinator. Idempotent. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        pool.release(entry);
      }
    }

    @Override
    public String toString() {
      return "CoordinatorPool.Handle[" + entry.slot.key() + (closed.get() ? ", closed]" : "]");
    }
  }
}
