package dev.baton.flink;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Makes the Baton health reporter: one ephemeral ZooKeeper node per JobManager and TaskManager,
 * with a heartbeat and selected metrics, gone when the process's session ends. Configure it in
 * {@code config.yaml}:
 *
 * <pre>{@code
 * metrics.reporter.baton.factory.class: dev.baton.flink.HealthReporterFactory
 * metrics.reporter.baton.interval: 10 s
 * metrics.reporter.baton.connect: zk1:2181,zk2:2181,zk3:2181
 * metrics.reporter.baton.namespace: pipelines/clickstream   # optional
 * metrics.reporter.baton.session-timeout: 15 s              # optional
 * metrics.reporter.baton.path: /flink-health                # optional, the default
 * metrics.reporter.baton.metrics: numRestarts,Status.JVM.CPU.Load  # optional
 * }</pre>
 *
 * <p>Nodes: {@code <path>/jobmanagers/<host>} and {@code <path>/taskmanagers/<tm_id>}, each holding
 * JSON {@code {"id", "host", "kind", "heartbeat" (epoch millis), "metrics": {...}}}, rewritten at
 * every report interval. A watcher (or {@code baton} CLI) of {@code <path>} sees a TaskManager die
 * when its session expires. In a cluster the reporter loads as a plugin from {@code
 * plugins/baton/}, and the jar there must bundle its dependencies: use the module's {@code
 * reporter-plugin} jar.
 *
 * @since 0.1
 */
public final class HealthReporterFactory implements MetricReporterFactory {
  /** A factory, as Flink's plugin loader makes it. */
  public HealthReporterFactory() {}

  /**
   * {@inheritDoc}
   *
   * @param properties the reporter's {@code metrics.reporter.<name>.*} settings
   * @return a new, unopened reporter
   */
  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return new HealthReporter();
  }
}
