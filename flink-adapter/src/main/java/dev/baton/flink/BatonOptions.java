package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.CoordinatorBuilder;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;

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
 * <p>Build a coordinator from them with {@link #coordinatorBuilder(ReadableConfig)}.
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

  private BatonOptions() {}

  /**
   * A coordinator builder from Flink configuration.
   *
   * @param config the configuration
   * @return a builder with connect string, namespace and session timeout set
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
