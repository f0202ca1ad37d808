package dev.baton.flink;

import dev.baton.Coordinator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinators of this JVM, one per user-code classloader and ZooKeeper settings, each shared
 * by every operator that asks for the same settings and closed when the last one lets go, or when
 * Flink releases the classloader (whichever comes first).
 *
 * <p>The classloader is part of the key because a TaskManager runs the tasks of one job with one
 * user-code classloader: a coordinator built from one job's Curator classes must not serve another
 * job, and must be gone when that job's classloader is released.
 */
final class CoordinatorPool {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorPool.class);
  static final String RELEASE_HOOK = "baton-coordinators";

  private record Key(ClassLoader loader, String connect, String namespace, Duration session) {}

  private static final class Entry {
    final Coordinator coordinator;
    int references;

    Entry(Coordinator coordinator) {
      this.coordinator = coordinator;
    }
  }

  private static final Map<Key, Entry> ENTRIES = new HashMap<>(); // guarded by ENTRIES

  private CoordinatorPool() {}

  /**
   * One more reference to the coordinator for {@code settings} and {@code loader}, building it on
   * first use; {@code releaseHooks} registers a hook that closes the loader's coordinators.
   */
  static SharedCoordinator acquire(
      ClassLoader loader, Configuration settings, Consumer<Runnable> releaseHooks) {
    Key key =
        new Key(
            loader,
            settings.get(BatonOptions.CONNECT) == null ? "" : settings.get(BatonOptions.CONNECT),
            settings.getOptional(BatonOptions.NAMESPACE).orElse(""),
            settings.get(BatonOptions.SESSION_TIMEOUT));
    Entry entry;
    synchronized (ENTRIES) {
      entry = ENTRIES.get(key);
      if (entry == null) {
        // Builds and starts a client only; connecting happens in the background.
        entry = new Entry(BatonOptions.coordinatorBuilder(settings).build());
        ENTRIES.put(key, entry);
        LOG.info(
            "Opened the shared Baton coordinator for {}/{} (user-code classloader {})",
            key.connect(),
            key.namespace(),
            System.identityHashCode(loader));
      }
      entry.references++;
    }
    releaseHooks.accept(() -> closeAll(loader));
    Entry acquired = entry;
    return new SharedCoordinator(acquired.coordinator, settings, () -> release(key, acquired));
  }

  private static void release(Key key, Entry entry) {
    synchronized (ENTRIES) {
      if (--entry.references > 0 || ENTRIES.get(key) != entry) {
        return;
      }
      ENTRIES.remove(key);
    }
    LOG.info("Closing the shared Baton coordinator for {}/{}", key.connect(), key.namespace());
    entry.coordinator.close();
  }

  /** The classloader-release hook: closes what operators of that classloader failed to release. */
  static void closeAll(ClassLoader loader) {
    List<Entry> left = new ArrayList<>();
    synchronized (ENTRIES) {
      ENTRIES
          .entrySet()
          .removeIf(
              e -> {
                if (e.getKey().loader() == loader) {
                  left.add(e.getValue());
                  return true;
                }
                return false;
              });
    }
    for (Entry e : left) {
      LOG.warn(
          "User-code classloader released with {} unreleased reference(s) to {}: closing it",
          e.references,
          e.coordinator);
      e.coordinator.close();
    }
  }

  /** The coordinators this JVM holds now, e.g. to see their sessions. */
  static List<Coordinator> coordinators() {
    synchronized (ENTRIES) {
      return ENTRIES.values().stream().map(e -> e.coordinator).toList();
    }
  }

  /** How many coordinators this JVM holds now. */
  static int size() {
    synchronized (ENTRIES) {
      return ENTRIES.size();
    }
  }
}
