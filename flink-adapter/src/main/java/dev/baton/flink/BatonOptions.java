package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.CoordinatorBuilder;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Flink configuration options for Baton, readable from {@code config.yaml}, job parameters or a
 * {@code Configuration} built in code:
 *
 * <pre>{@code
 * baton.zookeeper.connect: zk1:2181,zk2:2181,zk3:2181
 * baton.zookeeper.namespace: pipelines/clickstream
 * baton.zookeeper.session-timeout: 15 s
 * }</pre>
 *
 * <p>Operators do not build coordinators themselves: they share one per TaskManager through {@link
 * SharedCoordinator}, which reads these options from the operator's own settings, then the job
 * parameters, then the TaskManager's {@code config.yaml}. {@link
 * #coordinatorBuilder(ReadableConfig)} builds a coordinator from them for code outside operators.
 *
 * @since 0.1
 */
public final class BatonOptions {
  /** The ZooKeeper connect string. Required. */
  public static final ConfigOption<String> CONNECT =
      ConfigOptions.key("baton.zookeeper.connect")
          .stringType()
          .noDefaultValue()
          .withDescription("ZooKeeper connect string, e.g. zk1:2181,zk2:2181,zk3:2181.");

  /** The namespace all of Baton's nodes live under. Optional. */
  public static final ConfigOption<String> NAMESPACE =
      ConfigOptions.key("baton.zookeeper.namespace")
          .stringType()
          .noDefaultValue()
          .withDescription("Namespace under the ZooKeeper root, e.g. pipelines/clickstream.");

  /** The session timeout to ask ZooKeeper for. Default 15 s. */
  public static final ConfigOption<Duration> SESSION_TIMEOUT =
      ConfigOptions.key("baton.zookeeper.session-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(15))
          .withDescription("ZooKeeper session timeout.");

  /**
   * How long an operator's {@code open()} waits for ZooKeeper before failing the task. Default 30
   * s.
   */
  public static final ConfigOption<Duration> OPEN_TIMEOUT =
      ConfigOptions.key("baton.open-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription(
              "How long an operator's open() waits for ZooKeeper (connection and first read).");

  /**
   * Whether Baton's ZooKeeper client authenticates with SASL. Default {@code false}: Flink's
   * security module sets the JVM-wide {@code zookeeper.sasl.client} property in every JobManager
   * and TaskManager for Flink's own (shaded) client, and Baton's client must not inherit it by
   * accident.
   */
  public static final ConfigOption<Boolean> SASL =
      ConfigOptions.key("baton.zookeeper.sasl")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Whether Baton's ZooKeeper client uses SASL (independent of Flink's own"
                  + " zookeeper.sasl.* system properties).");

  /**
   * Where {@link JobStatusListenerFactory} writes job status nodes. Default {@code /flink-jobs}.
   */
  public static final ConfigOption<String> JOB_STATUS_PATH =
      ConfigOptions.key("baton.job-status.path")
          .stringType()
          .defaultValue("/flink-jobs")
          .withDescription("ZooKeeper path under which job status nodes live, one per job id.");

  private BatonOptions() {}

  /**
   * A coordinator builder from Flink configuration.
   *
   * @param config the configuration
   * @return a builder with connect string, namespace, session timeout and the SASL switch set
   * @throws IllegalConfigurationException if an option is missing or invalid; the message names the
   *     option key
   */
  public static CoordinatorBuilder coordinatorBuilder(ReadableConfig config) {
    String connect =
        config
            .getOptional(CONNECT)
            .orElseThrow(
                () ->
                    new IllegalConfigurationException(
                        "missing required option '" + CONNECT.key() + "'"));
    CoordinatorBuilder b = Coordinator.builder();
    ZKClientConfig client = new ZKClientConfig();
    client.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, String.valueOf(config.get(SASL)));
    b.clientConfig(client);
    try {
      b.connectString(connect).sessionTimeout(config.get(SESSION_TIMEOUT));
    } catch (IllegalArgumentException e) {
      throw new IllegalConfigurationException(
          "invalid option '"
              + CONNECT.key()
              + "' or '"
              + SESSION_TIMEOUT.key()
              + "': "
              + e.getMessage(),
          e);
    }
    config
        .getOptional(NAMESPACE)
        .ifPresent(
            ns -> {
              try {
                b.namespace(ns);
              } catch (IllegalArgumentException e) {
                throw new IllegalConfigurationException(
                    "invalid option '" + NAMESPACE.key() + "': " + e.getMessage(), e);
              }
            });
    return b;
  }
}
