package dev.baton.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Coordinator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.Scheduled;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one ephemeral node per JobManager and TaskManager whose metrics it sees, at {@code
 * <path>/jobmanagers/<host>} and {@code <path>/taskmanagers/<tm_id>}, rewritten at every report
 * with a heartbeat and selected metrics (JSON). The node disappears when the process's ZooKeeper
 * session ends: a watcher of {@code <path>} sees a dead TaskManager within its session timeout.
 * Made by {@link HealthReporterFactory}.
 */
final class HealthReporter implements MetricReporter, Scheduled {
  private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> DEFAULT_METRICS =
      Set.of(
          "numRestarts",
          "numRunningJobs",
          "numRegisteredTaskManagers",
          "taskSlotsAvailable",
          "taskSlotsTotal",
          "Status.JVM.CPU.Load",
          "Status.JVM.Memory.Heap.Used");

  /** One JobManager or TaskManager: its node and the metrics reported in it. */
  private static final class Component {
    final String path;
    final String kind;
    final Map<String, String> identity;
    final Map<String, Metric> metrics = new ConcurrentHashMap<>();
    int registered; // metrics of this component still registered; guarded by the reporter

    Component(String path, String kind, Map<String, String> identity) {
      this.path = path;
      this.kind = kind;
      this.identity = identity;
    }
  }

  private final Map<String, Component> components = new HashMap<>(); // guarded by this
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private @Nullable Coordinator coordinator;
  private String root = "/flink-health";
  private Set<String> selected = DEFAULT_METRICS;

  @Override
  public void open(MetricConfig config) {
    String connect = config.getString("connect", null);
    if (connect == null || connect.isBlank()) {
      throw new IllegalArgumentException(
          "the Baton health reporter needs metrics.reporter.<name>.connect (a ZooKeeper connect"
              + " string)");
    }
    Configuration settings = new Configuration();
    settings.setString(BatonOptions.CONNECT.key(), connect);
    String ns = config.getString("namespace", null);
    if (ns != null) {
      settings.setString(BatonOptions.NAMESPACE.key(), ns);
    }
    settings.setString(
        BatonOptions.SESSION_TIMEOUT.key(), config.getString("session-timeout", "15 s"));
    root = config.getString("path", root);
    String metrics = config.getString("metrics", null);
    if (metrics != null) {
      selected = Set.of(metrics.split("\\s*,\\s*"));
    }
    coordinator = BatonOptions.coordinatorBuilder(settings).build();
    LOG.info("Baton health reporter writing under {} to {}", root, coordinator.connectString());
  }

  @Override
  public synchronized void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    Component c = componentOf(group);
    if (c == null) {
      return;
    }
    c.registered++;
    if (metric instanceof Gauge || metric instanceof Counter) {
      // Entries name a metric by its name or by its scope within the component, e.g.
      // Status.JVM.CPU.Load for the metric Load in the group Status.JVM.CPU.
      String identifier = group.getMetricIdentifier(name);
      for (String wanted : selected) {
        if (identifier.equals(wanted) || identifier.endsWith("." + wanted)) {
          c.metrics.put(wanted, metric);
        }
      }
    }
  }

  @Override
  public synchronized void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    Component c = componentOf(group);
    if (c != null && --c.registered == 0) {
      // The whole TaskManager went away (several share one reporter in a MiniCluster).
      components.remove(c.path);
      gone.add(c.path);
    }
  }

  private @Nullable Component componentOf(MetricGroup group) {
    Map<String, String> vars = group.getAllVariables();
    String host = vars.getOrDefault("<host>", "unknown");
    String tm = vars.get("<tm_id>");
    String kind;
    String id;
    if (tm != null) {
      kind = "taskmanager";
      id = tm;
    } else if (vars.containsKey("<job_id>") || vars.containsKey("<host>")) {
      kind = "jobmanager";
      id = host;
    } else {
      return null;
    }
    String path = root + "/" + kind + "s/" + id.replaceAll("[^A-Za-z0-9._-]", "_");
    return components.computeIfAbsent(
        path, p -> new Component(p, kind, Map.of("id", id, "host", host)));
  }

  @Override
  public void report() {
    Coordinator coord = coordinator;
    if (coord == null || !coord.connectionState().isConnected()) {
      return;
    }
    CuratorFramework zk = coord.curator();
    for (String path : gone) {
      try {
        zk.delete().quietly().forPath(path);
        gone.remove(path);
      } catch (Exception e) {
        LOG.debug("Deleting health node {} failed; retried at the next report", path, e);
      }
    }
    Map<String, Component> now;
    synchronized (this) {
      now = new HashMap<>(components);
    }
    for (Component c : now.values()) {
      try {
        byte[] data = payload(c);
        try {
          zk.setData().forPath(c.path, data);
        } catch (KeeperException.NoNodeException e) {
          // First report, or the session was lost and its ephemeral node with it.
          zk.create()
              .creatingParentContainersIfNeeded()
              .withMode(CreateMode.EPHEMERAL)
              .forPath(c.path, data);
          LOG.info("Health node {} created", c.path);
        }
      } catch (Exception e) {
        LOG.warn("Writing health node {} failed; retried at the next report", c.path, e);
      }
    }
  }

  private static byte[] payload(Component c) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>(c.identity);
    body.put("kind", c.kind);
    body.put("heartbeat", System.currentTimeMillis());
    Map<String, Object> values = new LinkedHashMap<>();
    c.metrics.forEach(
        (name, m) -> {
          if (m instanceof Gauge<?> g) {
            values.put(name, String.valueOf(g.getValue()));
          } else if (m instanceof Counter counter) {
            values.put(name, counter.getCount());
          }
        });
    body.put("metrics", values);
    return JSON.writeValueAsBytes(body);
  }

  @Override
  public void close() {
    Coordinator coord = coordinator;
    coordinator = null;
    if (coord != null) {
      coord.close(); // the session ends, and every health node with it
    }
  }
}
