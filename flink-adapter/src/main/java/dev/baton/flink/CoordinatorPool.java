package dev.baton.flink;

import dev.baton.Coordinator;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;

/**
 * The coordinators of this JVM, one per user-code classloader and ZooKeeper settings, each shared
 * by every operator that asks for the same settings and closed when the last one lets go, or when
 * Flink releases the classloader (whichever comes first). The mechanism is core's {@link
 * dev.baton.CoordinatorPool}; this class maps Flink's settings and classloaders onto it.
 *
 * <p>The classloader is the pool's scope because a TaskManager runs the tasks of one job with one
 * user-code classloader: a coordinator built from one job's Curator classes must not serve another
 * job, and must be gone when that job's classloader is released.
 */
final class CoordinatorPool {
  static final String RELEASE_HOOK = "baton-coordinators";

  private static final dev.baton.CoordinatorPool POOL = dev.baton.CoordinatorPool.create();

  /** Every option {@link BatonOptions#coordinatorBuilder} reads. */
  private record Key(String connect, String namespace, Duration session, boolean sasl) {}

  private CoordinatorPool() {}

  /**
   * One more reference to the coordinator for {@code settings} and {@code loader}, building it on
   * first use; {@code releaseHooks} registers a hook that closes the loader's coordinators.
   */
  static SharedCoordinator acquire(
      ClassLoader loader, Configuration settings, Consumer<Runnable> releaseHooks) {
    Key key =
        new Key(
            settings.getOptional(BatonOptions.CONNECT).orElse(""),
            settings.getOptional(BatonOptions.NAMESPACE).orElse(""),
            settings.get(BatonOptions.SESSION_TIMEOUT),
            settings.get(BatonOptions.SASL));
    // Builds and starts a client only; connecting happens in the background.
    dev.baton.CoordinatorPool.Handle handle =
        POOL.acquire(loader, key, () -> BatonOptions.coordinatorBuilder(settings).build());
    releaseHooks.accept(() -> closeAll(loader));
    return new SharedCoordinator(handle, settings);
  }

  /** The classloader-release hook: closes what operators of that classloader failed to release. */
  static void closeAll(ClassLoader loader) {
    POOL.closeScope(loader);
  }

  /** The coordinators this JVM holds now, e.g. to see their sessions. */
  static List<Coordinator> coordinators() {
    return POOL.coordinators();
  }

  /** How many coordinators this JVM holds now. */
  static int size() {
    return POOL.size();
  }
}
