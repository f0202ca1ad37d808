package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.CoordinatorPool.Handle;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * One reference to the {@link Coordinator} that all Baton operators of a job share within a
 * TaskManager: one ZooKeeper session per TaskManager JVM and user-code classloader (and settings),
 * however many operators and subtasks use it. Take a reference in {@code open()}, close it in
 * {@code close()}; the session closes with the last reference, or when Flink releases the job's
 * classloader.
 *
 * <pre>{@code
 * class Enricher extends RichMapFunction<String, String> {
 *   private transient SharedCoordinator baton;
 *
 *   public void open(OpenContext context) {
 *     baton = SharedCoordinator.acquire(getRuntimeContext(), null);
 *   }
 *
 *   public String map(String value) {
 *     return baton.awaitConnected().configs().get("prefix", Codecs.ofString())
 *         .map(v -> v.value() + value).orElse(value);
 *   }
 *
 *   public void close() {
 *     if (baton != null) {
 *       baton.close();
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code
 * dev.baton.flink.examples.SharedCoordinatorExample} in the test sources.
 *
 * <p>Settings ({@link BatonOptions}) are taken from, most specific first: the {@code Configuration}
 * given here in code, the job parameters ({@code env.getConfig().setGlobalJobParameters(..)}), and
 * the TaskManager's {@code config.yaml}. Only {@code baton.*} keys are read.
 *
 * <p>Because the coordinator is shared, never close it (or recipes you did not make): close what
 * you made through it, then this reference. Thread-safe.
 *
 * @since 0.1
 */
public final class SharedCoordinator implements AutoCloseable {
  private final Handle handle;
  private final Configuration settings;

  SharedCoordinator(Handle handle, Configuration settings) {
    this.handle = handle;
    this.settings = settings;
  }

  /**
   * A reference for a rich function or process function, released with the job's classloader at the
   * latest.
   *
   * @param context the function's runtime context
   * @param settings Baton options given in code, or {@code null} to use job parameters and {@code
   *     config.yaml} only
   * @return the reference; close it in the function's {@code close()}
   * @throws org.apache.flink.configuration.IllegalConfigurationException if no connect string is
   *     configured or an option is invalid; the message names the option
   */
  public static SharedCoordinator acquire(
      RuntimeContext context, @Nullable Configuration settings) {
    Objects.requireNonNull(context, "context");
    Configuration resolved =
        BatonSettings.resolve(
            settings, context.getGlobalJobParameters(), BatonSettings::clusterConfiguration);
    return CoordinatorPool.acquire(
        context.getUserCodeClassLoader(),
        resolved,
        hook ->
            context.registerUserCodeClassLoaderReleaseHookIfAbsent(
                CoordinatorPool.RELEASE_HOOK, hook));
  }

  /**
   * A reference for a Sink V2 writer.
   *
   * @param context the writer's init context
   * @param settings Baton options given in code, or {@code null} for {@code config.yaml} only (a
   *     writer does not see job parameters)
   * @return the reference; close it in the writer's {@code close()}
   * @throws org.apache.flink.configuration.IllegalConfigurationException if no connect string is
   *     configured or an option is invalid
   */
  public static SharedCoordinator acquire(
      WriterInitContext context, @Nullable Configuration settings) {
    Objects.requireNonNull(context, "context");
    Configuration resolved =
        BatonSettings.resolve(settings, null, BatonSettings::clusterConfiguration);
    return CoordinatorPool.acquire(
        context.getUserCodeClassLoader().asClassLoader(),
        resolved,
        hook ->
            context
                .getUserCodeClassLoader()
                .registerReleaseHookIfAbsent(CoordinatorPool.RELEASE_HOOK, hook));
  }

  /**
   * A reference for a Sink V2 committer. A committer's context offers no classloader-release hook:
   * the reference must be closed in the committer's {@code close()}.
   *
   * @param context the committer's init context
   * @param settings Baton options given in code, or {@code null} for {@code config.yaml} only
   * @return the reference; close it in the committer's {@code close()}
   * @throws org.apache.flink.configuration.IllegalConfigurationException if no connect string is
   *     configured or an option is invalid
   */
  public static SharedCoordinator acquire(
      CommitterInitContext context, @Nullable Configuration settings) {
    Objects.requireNonNull(context, "context");
    Configuration resolved =
        BatonSettings.resolve(settings, null, BatonSettings::clusterConfiguration);
    // Flink runs tasks with the job's user-code classloader as the context classloader.
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return CoordinatorPool.acquire(
        loader != null ? loader : SharedCoordinator.class.getClassLoader(), resolved, hook -> {});
  }

  /**
   * A reference for a Source API reader.
   *
   * @param context the reader's context
   * @param settings Baton options given in code, or {@code null} for the reader's configuration
   *     only
   * @return the reference; close it in the reader's {@code close()}
   * @throws org.apache.flink.configuration.IllegalConfigurationException if no connect string is
   *     configured or an option is invalid
   */
  public static SharedCoordinator acquire(
      SourceReaderContext context, @Nullable Configuration settings) {
    Objects.requireNonNull(context, "context");
    Configuration resolved =
        BatonSettings.resolve(
            settings,
            null,
            () -> {
              Configuration c = BatonSettings.clusterConfiguration();
              c.addAll(context.getConfiguration());
              return c;
            });
    return CoordinatorPool.acquire(
        context.getUserCodeClassLoader().asClassLoader(),
        resolved,
        hook ->
            context
                .getUserCodeClassLoader()
                .registerReleaseHookIfAbsent(CoordinatorPool.RELEASE_HOOK, hook));
  }

  /**
   * The shared coordinator, possibly not yet connected. Do not close it.
   *
   * @return the coordinator
   * @throws IllegalStateException if this reference is closed
   */
  public Coordinator coordinator() {
    Coordinator coordinator = handle.coordinator();
    if (handle.isClosed()) {
      throw new IllegalStateException("this reference to " + coordinator + " is closed");
    }
    return coordinator;
  }

  /**
   * The shared coordinator once it is connected, waiting at most {@link BatonOptions#OPEN_TIMEOUT}.
   *
   * @return the connected coordinator
   * @throws IllegalStateException if it does not connect in time (the message names the connect
   *     string and the timeout), or if interrupted
   */
  public Coordinator awaitConnected() {
    Coordinator c = coordinator();
    Duration timeout = openTimeout();
    try {
      if (!c.awaitConnected(timeout)) {
        throw new IllegalStateException(
            "ZooKeeper at "
                + c.connectString()
                + " not reachable within "
                + BatonOptions.OPEN_TIMEOUT.key()
                + "="
                + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to ZooKeeper", e);
    }
    return c;
  }

  /** {@return the resolved {@link BatonOptions#OPEN_TIMEOUT}} */
  public Duration openTimeout() {
    return settings.get(BatonOptions.OPEN_TIMEOUT);
  }

  /** Releases this reference; the last one closes the coordinator. Idempotent. */
  @Override
  public void close() {
    handle.close();
  }
}
