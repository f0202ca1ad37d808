package dev.baton.flume;

import com.google.common.eventbus.EventBus;
import dev.baton.CoordinatorPool;
import dev.baton.codec.Codecs;
import dev.baton.config.ConfigListener;
import dev.baton.config.ConfigRejection;
import dev.baton.config.ConfigWatcher;
import dev.baton.config.Versioned;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flume.conf.FlumeConfiguration;
import org.apache.flume.lifecycle.LifecycleAware;
import org.apache.flume.lifecycle.LifecycleState;
import org.apache.flume.node.AbstractConfigurationProvider;
import org.apache.flume.node.MaterializedConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume configuration provider that reads the agent's properties from ZooKeeper through Baton,
 * validates every version before the agent applies it, and keeps the last good one.
 *
 * <pre>{@code
 * EventBus bus = new EventBus("a1-event-bus");
 * BatonConfigurationProvider provider =
 *     BatonConfigurationProvider.builder("a1")
 *         .settings(new FlumeCoordinatorSettings("zk1:2181", "pipelines", Duration.ofSeconds(15)))
 *         .backupFile(backupDir.resolve("a1.properties"))
 *         .eventBus(bus)
 *         .build();
 * Application agent = new Application(List.of(provider));
 * bus.register(agent);
 * agent.start(); // starts the provider, which posts each accepted config on the bus
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.flume.examples.ProviderExample} in
 * the test sources; {@link BatonAgent} does the same from the command line.
 *
 * <p>The config is two Baton config keys in Flume's properties format: a shared key (default
 * {@value #DEFAULT_SHARED_KEY}) and the agent's own key (default {@code flume/agents/<agent>}),
 * whose properties override the shared ones key by key. Only properties of this agent are kept; in
 * either key {@code *.} stands for the agent's name, so a shared key can hold {@code
 * *.channels.c1.capacity = 10000} for every agent.
 *
 * <p>Each change of either key is merged and validated: Flume's own configuration errors, a
 * component or channel referenced but not defined, a type that does not load, a component whose
 * {@code configure} fails (tried on scratch instances that are never started), and a config with no
 * components for this agent are all rejected with a WARN log line naming the problem; the agent
 * keeps running what it runs. An accepted config is written to the {@linkplain
 * ProviderBuilder#backupFile(Path) backup file}, logged at INFO with its version, and posted on the
 * event bus, where Flume's {@code Application} restarts its components (channels are kept by name,
 * with their events). A change that leaves the merged properties as they were only updates the
 * version.
 *
 * <p>Versions read {@code a<agent version>}, or {@code s<shared version>.a<agent version>} when the
 * shared key is stored, e.g. {@code s3.a7}.
 *
 * <p>When ZooKeeper cannot be reached within the {@linkplain
 * ProviderBuilder#startupTimeout(Duration) startup timeout}, or holds no config for the agent, the
 * agent starts from the backup file (if it is valid), and switches to ZooKeeper's config as soon as
 * it can read one that differs.
 *
 * <p>Thread-safe. Changes are handled one at a time on a thread named {@code
 * baton-flume-config-<agent>}, which also runs Flume's reload.
 *
 * @since 0.1
 */
public final class BatonConfigurationProvider extends AbstractConfigurationProvider
    implements LifecycleAware {
  /** The default shared key. */
  public static final String DEFAULT_SHARED_KEY = "flume/shared";

  private static final Logger LOG = LoggerFactory.getLogger(BatonConfigurationProvider.class);

  private final FlumeCoordinatorSettings settings;
  private final String agentKey;
  private final @Nullable String sharedKey;
  private final @Nullable ConfigBackup backup;
  private final Duration startupTimeout;
  private final EventBus eventBus;

  private final Object lock = new Object();
  private LifecycleState state = LifecycleState.IDLE;
  private CoordinatorPool.@Nullable Handle lease;
  private @Nullable ExecutorService executor;
  // Set once per start; tasks of a stopped provider still read a closed watcher's last value.
  private volatile @Nullable ConfigWatcher<Properties> agentWatcher;
  private volatile @Nullable ConfigWatcher<Properties> sharedWatcher;

  // Written only on the executor thread; read by getters.
  private volatile @Nullable FlumeConfiguration flumeConfiguration;
  private volatile @Nullable SortedMap<String, String> applied;
  private volatile @Nullable String appliedVersion;
  private volatile @Nullable String lastRejection;

  BatonConfigurationProvider(ProviderBuilder b) {
    super(b.agentName);
    this.settings = Objects.requireNonNull(b.settings);
    this.agentKey = b.agentKey != null ? b.agentKey : "flume/agents/" + b.agentName;
    this.sharedKey = b.sharedKey;
    this.backup = b.backupFile == null ? null : new ConfigBackup(b.backupFile);
    this.startupTimeout = b.startupTimeout;
    this.eventBus = Objects.requireNonNull(b.eventBus);
  }

  /**
   * Starts building a provider for agent {@code agentName}.
   *
   * @param agentName the agent's name, the prefix of its properties ({@code a1} in {@code
   *     a1.sources = r1})
   * @return a builder
   * @throws IllegalArgumentException if the name is blank or contains a dot or white space
   */
  public static ProviderBuilder builder(String agentName) {
    return new ProviderBuilder(agentName);
  }

  /**
   * The version of the config the agent runs.
   *
   * @return the version, such as {@code s3.a7}, or empty before the first config was applied
   */
  public Optional<String> appliedVersion() {
    return Optional.ofNullable(appliedVersion);
  }

  /**
   * Why the latest refused version was refused.
   *
   * @return the message, naming the key, the version and each problem; empty if none was refused
   */
  public Optional<String> lastRejection() {
    return Optional.ofNullable(lastRejection);
  }

  @Override
  protected FlumeConfiguration getFlumeConfiguration() {
    FlumeConfiguration fc = flumeConfiguration;
    return fc != null ? fc : new FlumeConfiguration(new java.util.HashMap<>());
  }

  /**
   * Connects (through the JVM's shared coordinator for these settings), starts watching the keys
   * and, in the background, applies the first valid config. Starting a started provider does
   * nothing.
   */
  @Override
  public void start() {
    synchronized (lock) {
      if (state == LifecycleState.START) {
        return;
      }
      CoordinatorPool.Handle l = SharedCoordinators.acquire(settings);
      ExecutorService ex =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "baton-flume-config-" + getAgentName());
                t.setDaemon(true);
                return t;
              });
      try {
        if (sharedKey != null) {
          sharedWatcher = watch(l, sharedKey, ex);
        }
        agentWatcher = watch(l, agentKey, ex);
      } catch (RuntimeException e) {
        closeAll(l, ex);
        state = LifecycleState.ERROR;
        throw e;
      }
      lease = l;
      executor = ex;
      SharedCoordinators.setAgentDefault(settings);
      state = LifecycleState.START;
      ex.execute(this::startup);
    }
  }

  /** Stops watching and releases the coordinator; the agent keeps running its last config. */
  @Override
  public void stop() {
    synchronized (lock) {
      if (state != LifecycleState.START) {
        return;
      }
      SharedCoordinators.clearAgentDefault(settings);
      closeAll(lease, executor);
      lease = null;
      executor = null;
      state = LifecycleState.STOP;
    }
  }

  @Override
  public LifecycleState getLifecycleState() {
    synchronized (lock) {
      return state;
    }
  }

  @Override
  public String toString() {
    return "BatonConfigurationProvider[agent=" + getAgentName() + ", key=" + agentKey + "]";
  }

  private ConfigWatcher<Properties> watch(
      CoordinatorPool.Handle l, String key, ExecutorService ex) {
    ConfigWatcher<Properties> w =
        l.coordinator().config(key, Codecs.ofProperties()).executor(ex).watch();
    w.addListener(listener());
    return w;
  }

  private void closeAll(CoordinatorPool.@Nullable Handle l, @Nullable ExecutorService ex) {
    for (ConfigWatcher<Properties> w : java.util.Arrays.asList(sharedWatcher, agentWatcher)) {
      if (w != null) {
        w.close();
      }
    }
    if (ex != null) {
      ex.shutdownNow();
      try {
        if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("Agent {}: a config reload is still running after 30 s", getAgentName());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (l != null) {
      l.close();
    }
  }

  private ConfigListener<Properties> listener() {
    return new ConfigListener<>() {
      @Override
      public void onChange(Versioned<Properties> previous, Versioned<Properties> current) {
        fromZooKeeper();
      }

      @Override
      public void onRejected(ConfigRejection rejection) {
        reject(rejection.message());
      }
    };
  }

  private void startup() {
    CoordinatorPool.Handle l = lease;
    try {
      ConfigWatcher<Properties> w = agentWatcher;
      if (l != null && w != null && l.coordinator().awaitConnected(startupTimeout)) {
        w.awaitVersion(0, startupTimeout);
      }
    } catch (InterruptedException e) {
      return; // stopped meanwhile
    }
    fromZooKeeper();
    if (applied == null) {
      fromBackup();
    }
  }

  private void fromZooKeeper() {
    ConfigWatcher<Properties> aw = agentWatcher;
    ConfigWatcher<Properties> sw = sharedWatcher;
    AgentConfigs.Layered layered =
        aw == null
            ? null
            : AgentConfigs.layer(getAgentName(), sw == null ? null : sw.current(), aw.current());
    if (layered == null) {
      LOG.info("Agent {}: no config stored at key '{}' yet", getAgentName(), agentKey);
      return;
    }
    apply(layered.properties(), layered.version(), "ZooKeeper key '" + agentKey + "'");
  }

  private void fromBackup() {
    Optional<ConfigBackup.Copy> copy =
        backup == null ? ConfigBackup.none(getAgentName()) : backup.readForStart(getAgentName());
    copy.ifPresent(c -> apply(c.properties(), c.version(), "backup " + backup.file()));
  }

  private void apply(SortedMap<String, String> merged, String version, String origin) {
    if (merged.equals(applied)) {
      appliedVersion = version;
      RunningAgent.applied(getAgentName(), agentKey, version);
      LOG.info(
          "Agent {}: config version {} from {} changes nothing; version updated",
          getAgentName(),
          version,
          origin);
      return;
    }
    List<String> problems = AgentConfigs.problems(getAgentName(), merged);
    if (!problems.isEmpty()) {
      reject(
          "config version "
              + version
              + " of agent '"
              + getAgentName()
              + "' from "
              + origin
              + " rejected: "
              + String.join("; ", problems));
      return;
    }
    flumeConfiguration = new FlumeConfiguration(merged);
    MaterializedConfiguration conf = getConfiguration();
    if (backup != null && !origin.startsWith("backup")) {
      try {
        backup.write(version, merged);
      } catch (RuntimeException e) {
        LOG.error("Agent {}: {}", getAgentName(), e.getMessage());
      }
    }
    applied = merged;
    appliedVersion = version;
    RunningAgent.applied(getAgentName(), agentKey, version);
    CoordinationCounter.get().configAccepted();
    LOG.info("Agent {}: applying config version {} from {}", getAgentName(), version, origin);
    eventBus.post(conf);
  }

  private void reject(String message) {
    lastRejection = message;
    CoordinationCounter.get().configRejected();
    LOG.warn(
        "{}; the agent keeps running version {}",
        message,
        appliedVersion == null ? "none" : appliedVersion);
  }
}
