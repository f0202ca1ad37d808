package dev.baton.flume;

import dev.baton.CoordinatorPool;
import dev.baton.registry.Registration;
import dev.baton.registry.ServiceInstance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.instrumentation.MonitorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the agent in Baton's service registry, as Flume's monitoring hook: a collector agent
 * announces its Avro source so that {@link RegistryAvroSink}s upstream find it, and every agent
 * that runs it appears in the registry, which is then the list of live agents.
 *
 * <pre>{@code
 * bin/flume-ng agent ... -Dflume.monitoring.type=dev.baton.flume.RegistryMonitorService \
 *     -Dflume.monitoring.service=collector -Dflume.monitoring.port=4141
 * }</pre>
 *
 * <p>Properties (each {@code -Dflume.monitoring.<name>}): {@code port} (required: the port upstream
 * sinks send to), {@code service} (default {@value #DEFAULT_SERVICE}), {@code host} (default this
 * host's address), {@code id} (default {@code <host>-<port>}), {@code releaseDelayMs} (default
 * 10000), and {@code baton.*} unless the agent runs a {@link BatonConfigurationProvider}. The
 * instance's metadata holds the agent's name ({@code agent}) and the version of the config it runs
 * ({@code configVersion}).
 *
 * <p>Flume makes a new monitor service after every config reload and stops the old one first. The
 * registration therefore outlives a stopped instance by {@code releaseDelayMs}: the next instance
 * takes it over and updates the config version in place, so a reload is not seen upstream as the
 * collector leaving and coming back. Without a successor the node is deleted after the delay (and
 * with the session at the latest).
 *
 * @since 0.1
 */
public final class RegistryMonitorService implements MonitorService {
  /** The default service name. */
  public static final String DEFAULT_SERVICE = "collector";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryMonitorService.class);
  private static final Map<String, Held> HELD = new HashMap<>();
  private static final ScheduledExecutorService RELEASER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "baton-flume-registration-release");
            t.setDaemon(true);
            return t;
          });

  /** A registration and the session lease it lives in, kept across monitor instances. */
  private static final class Held {
    final CoordinatorPool.Handle lease;
    final Registration registration;
    @Nullable ScheduledFuture<?> release;

    Held(CoordinatorPool.Handle lease, Registration registration) {
      this.lease = lease;
      this.registration = registration;
    }
  }

  private @Nullable Context context;
  private @Nullable ServiceInstance instance;
  private long releaseDelayMs;

  /** Creates the service; Flume calls this, then {@code configure} and {@code start}. */
  public RegistryMonitorService() {}

  /**
   * Reads the properties described above.
   *
   * @param context the {@code flume.monitoring.*} properties, prefix removed
   * @throws ConfigurationException if {@code port} is missing or a value is invalid
   */
  @Override
  public void configure(Context context) {
    Integer port;
    try {
      port = context.getInteger("port");
      releaseDelayMs = context.getLong("releaseDelayMs", 10_000L);
    } catch (NumberFormatException e) {
      throw new ConfigurationException("flume.monitoring.port/releaseDelayMs: " + e.getMessage());
    }
    if (port == null) {
      throw new ConfigurationException("missing required property 'flume.monitoring.port'");
    }
    String host = context.getString("host", localAddress());
    RunningAgent.Applied applied = RunningAgent.current();
    ServiceInstance.Builder b =
        ServiceInstance.builder(context.getString("service", DEFAULT_SERVICE))
            .id(context.getString("id", host.replace(':', '_') + "-" + port))
            .host(host)
            .port(port);
    if (applied != null) {
      b.putMetadata("agent", applied.agent()).putMetadata("configVersion", applied.version());
    }
    try {
      instance = b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("flume.monitoring.*: " + e.getMessage(), e);
    }
    this.context = context;
  }

  /** Registers the instance, or takes over the registration a stopped predecessor left. */
  @Override
  public void start() {
    ServiceInstance me = instance;
    if (me == null || context == null) {
      throw new IllegalStateException("monitor service was not configured");
    }
    String key = me.name() + "/" + me.id();
    synchronized (HELD) {
      Held held = HELD.get(key);
      if (held != null) {
        if (held.release != null) {
          held.release.cancel(false);
          held.release = null;
        }
        held.registration.update(me.metadata());
        LOG.info("Registration {} kept, metadata now {}", key, me.metadata());
        return;
      }
      CoordinatorPool.Handle lease = SharedCoordinators.acquire(context, "monitor service");
      try {
        HELD.put(key, new Held(lease, lease.coordinator().registry().register(me)));
      } catch (RuntimeException e) {
        lease.close();
        throw e;
      }
      LOG.info("Registered {} at {}", key, me.address());
    }
  }

  /** Releases the registration after {@code releaseDelayMs} unless a successor takes it over. */
  @Override
  public void stop() {
    ServiceInstance me = instance;
    if (me == null) {
      return;
    }
    String key = me.name() + "/" + me.id();
    synchronized (HELD) {
      Held held = HELD.get(key);
      if (held != null && held.release == null) {
        held.release =
            RELEASER.schedule(() -> release(key, held), releaseDelayMs, TimeUnit.MILLISECONDS);
      }
    }
  }

  private static void release(String key, Held held) {
    synchronized (HELD) {
      if (HELD.get(key) != held || held.release == null) {
        return; // taken over meanwhile
      }
      HELD.remove(key);
    }
    held.registration.close();
    held.lease.close();
    LOG.info("Deregistered {}", key);
  }

  private static String localAddress() {
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return InetAddress.getLoopbackAddress().getHostAddress();
    }
  }
}
