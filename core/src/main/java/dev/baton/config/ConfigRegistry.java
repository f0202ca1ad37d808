package dev.baton.config;

import dev.baton.ConnectionEvent;
import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.codec.Codec;
import dev.baton.codec.DecodeException;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.NamedThreads;
import dev.baton.internal.Parts;
import dev.baton.internal.SerialExecutor;
import dev.baton.internal.WatchUsers;
import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config recipes' state shared by everything one coordinator makes: one {@link KeyWatch} per
 * watched key (so watchers of a key share one persistent watch and one read per change), the
 * validators a store checks writes against, the listener threads, and the one connection listener
 * that resyncs every watch after a reconnect.
 */
final class ConfigRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigRegistry.class);

  final Coordinator coord;
  final CuratorFramework client;
  final ExecutorService listenerThreads;
  private final Map<String, KeyWatch> keyWatches = new HashMap<>(); // guarded by itself
  private final Set<Resyncable> resyncables = ConcurrentHashMap.newKeySet();
  private final Map<String, List<Check<?>>> checks = new ConcurrentHashMap<>();
  private final Set<String> knownNodes = ConcurrentHashMap.newKeySet();
  private final WatchUsers watchUsers;
  private final ListenerHandle connectionListener;
  private volatile boolean closed;

  /** Something that must re-add its watch and re-read after a reconnect. */
  interface Resyncable {
    void resync(boolean newSession);
  }

  private ConfigRegistry(Coordinator coord) {
    this.coord = coord;
    this.client = coord.curator();
    this.watchUsers = new WatchUsers(client);
    this.listenerThreads = Executors.newCachedThreadPool(NamedThreads.of("config"));
    this.connectionListener = coord.addConnectionListener(this::onConnection);
  }

  /**
   * A new delivery lane on the registry's threads: tasks run one at a time, in the order queued,
   * never on ZooKeeper's event thread, which also carries the replies the session clock waits for
   * and every other watch's events. Each key watch and each group has its own, so a slow codec,
   * validator or listener run inline delays its own key or group alone.
   */
  Executor newDeliveryLane() {
    return new SerialExecutor(listenerThreads);
  }

  /** The registry of {@code coord}, made on first use and closed with the coordinator. */
  static ConfigRegistry of(Coordinator coord) {
    return Parts.of(coord).shared(ConfigRegistry.class, () -> new ConfigRegistry(coord));
  }

  private void onConnection(ConnectionEvent event) {
    if (closed || !event.state().isConnected()) {
      return;
    }
    // Changes made while disconnected may have produced no event: every watch re-reads once.
    for (Resyncable r : resyncables) {
      try {
        r.resync(event.newSession());
      } catch (RuntimeException e) {
        LOG.warn("Resync of {} after {} failed", r, event.state(), e);
      }
    }
  }

  void addResyncable(Resyncable r) {
    resyncables.add(r);
  }

  void removeResyncable(Resyncable r) {
    resyncables.remove(r);
  }

  /**
   * The shared watch of {@code key}, opened (watch added, first read done) if it is new. The map's
   * lock is never held across a ZooKeeper round trip: the opener and the closer of a key work
   * outside it, and others of that key wait for them, so a slow server stalls only its own key.
   */
  KeyWatch acquire(String key) {
    String rawPath = Layout.raw(client, Layout.valuePath(key));
    // If the key's last watcher is still removing the watch, that removal takes ours with it:
    // add it again once the removal ran, without waiting for it here (it may wait for the network).
    CompletableFuture<Void> settled = watchUsers.join(rawPath);
    // Decided now, before our watch is added: a removal that completes while we open may have
    // run after our add and taken it, so it must be re-added even if it is done by then.
    boolean removalPending = !settled.isDone();
    try {
      while (true) {
        KeyWatch kw;
        boolean opener = false;
        synchronized (keyWatches) {
          if (closed) {
            throw new IllegalStateException("coordinator " + coord + " is closed");
          }
          kw = keyWatches.get(key);
          if (kw == null) {
            kw = new KeyWatch(this, key);
            keyWatches.put(key, kw);
            opener = true;
          }
        }
        if (opener) {
          try {
            kw.open();
          } catch (RuntimeException e) {
            synchronized (keyWatches) {
              keyWatches.remove(key, kw);
            }
            kw.opened.completeExceptionally(e);
            throw e;
          }
          resyncables.add(kw);
          kw.opened.complete(null);
          readdAfter(removalPending, settled, kw);
          return kw;
        }
        if (await(kw.opened, key)) {
          readdAfter(removalPending, settled, kw);
          return kw;
        }
        // Its opener failed and dropped it from the map: try again, as the opener this time.
      }
    } catch (RuntimeException e) {
      // This use never took hold, and a failed opener removed its own watch.
      watchUsers.leave(rawPath, () -> CompletableFuture.completedFuture(null), () -> {});
      throw e;
    }
  }

  /** Once a removal under way at join time ran, adds the watch again and re-reads. */
  private static void readdAfter(
      boolean removalPending, CompletableFuture<Void> settled, Resyncable watch) {
    if (removalPending) {
      settled.thenRun(() -> watch.resync(true)); // at once if the removal already ran
    }
  }

  /** Waits for {@code f}; returns whether it completed normally. */
  private static boolean await(CompletableFuture<Void> f, String key) {
    try {
      f.get();
      return true;
    } catch (InterruptedException e) {
      throw ZkErrors.translate(key, "watch config", e);
    } catch (ExecutionException e) {
      return false;
    }
  }

  /** Drops one use of {@code kw}; the last one removes its watch from the server. */
  void release(KeyWatch kw) {
    AtomicBoolean unmapped = new AtomicBoolean();
    watchUsers.leave(
        Layout.raw(client, Layout.valuePath(kw.key)),
        () -> {
          // In the same critical section that makes this the last use: an acquire that joins
          // after it must open a new watch, not share this one, which is about to be removed.
          synchronized (keyWatches) {
            unmapped.set(keyWatches.remove(kw.key, kw)); // not if the registry closed it already
          }
        },
        () -> {
          if (!unmapped.get()) {
            return CompletableFuture.completedFuture(null);
          }
          resyncables.remove(kw);
          return kw.close();
        },
        () -> {});
  }

  /**
   * Counts a group watcher of a generation node (groups of one prefix share the server watch); if
   * the path's last group is still removing the watch, {@code group} adds it again once that ran.
   */
  void retainPath(String rawPath, Resyncable group) {
    CompletableFuture<Void> settled = watchUsers.join(rawPath); // before the group adds its watch
    readdAfter(!settled.isDone(), settled, group);
  }

  /**
   * Drops a group watcher's use of a path: the last one runs {@code removeAll} while new groups of
   * the path wait, the others {@code removeOwn}.
   */
  void releasePath(String rawPath, Supplier<CompletableFuture<?>> removeAll, Runnable removeOwn) {
    watchUsers.leave(rawPath, removeAll, removeOwn);
  }

  /** {@return how many keys have a shared watch: for tests of the sharing} */
  int watchedKeys() {
    synchronized (keyWatches) {
      return keyWatches.size();
    }
  }

  <T> ListenerHandle addCheck(String key, Codec<T> codec, Validator<? super T> validator) {
    Check<T> check = new Check<>(codec, validator);
    checks.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(check);
    return () -> {
      List<Check<?>> list = checks.get(key);
      if (list != null) {
        list.remove(check);
      }
    };
  }

  /** Why the validators registered for {@code key} refuse {@code bytes}, or null if none does. */
  @Nullable String refusal(String key, byte[] bytes) {
    List<Check<?>> list = checks.get(key);
    if (list == null) {
      return null;
    }
    for (Check<?> c : list) {
      String reason = c.refusal(key, bytes);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  /** Remembers nodes known to exist (parents of values and history), to skip creating them. */
  boolean isKnown(String path) {
    return knownNodes.contains(path);
  }

  void markKnown(String path) {
    knownNodes.add(path);
  }

  void forget(String path) {
    knownNodes.remove(path);
  }

  @Override
  public void close() {
    List<KeyWatch> open;
    synchronized (keyWatches) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(keyWatches.values());
      keyWatches.clear();
    }
    BackgroundWork work = BackgroundWork.of(client);
    for (KeyWatch kw : open) {
      work.track(kw.close(), () -> {}); // the coordinator waits for the removals (bounded)
    }
    Parts.of(coord).unmanage(this);
    connectionListener.close();
    resyncables.clear();
    listenerThreads.shutdown();
  }

  @Override
  public String toString() {
    return "ConfigRegistry{" + coord + "}";
  }

  private record Check<T>(Codec<T> codec, Validator<? super T> validator) {
    @Nullable String refusal(String key, byte[] bytes) {
      T value;
      try {
        value = codec.decode(key, Layout.UNWRITTEN, bytes);
      } catch (DecodeException e) {
        return "not valid " + codec.describe() + ": " + e.reason();
      }
      return WatcherImpl.validate(validator, value);
    }
  }
}
