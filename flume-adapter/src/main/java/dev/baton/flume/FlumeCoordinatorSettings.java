package dev.baton.flume;

import dev.baton.Coordinator;
import dev.baton.CoordinatorBuilder;
import java.time.Duration;
import java.util.Objects;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * How a Flume component reaches ZooKeeper, read from its {@link Context} (the component's
 * properties in the agent's configuration file):
 *
 * <pre>{@code
 * agent.sinks.hdfs.baton.connect = zk1:2181,zk2:2181,zk3:2181
 * agent.sinks.hdfs.baton.namespace = pipelines/clickstream
 * agent.sinks.hdfs.baton.sessionTimeoutMs = 15000
 * }</pre>
 *
 * <p>Bad values fail the component's {@code configure(Context)} with a Flume {@link
 * ConfigurationException} naming the property.
 *
 * @param connectString the ZooKeeper connect string ({@value #CONNECT})
 * @param namespace the namespace, or {@code null} for none ({@value #NAMESPACE})
 * @param sessionTimeout the session timeout ({@value #SESSION_TIMEOUT_MS}, default 15 s)
 * @since 0.1
 */
public record FlumeCoordinatorSettings(
    String connectString, @Nullable String namespace, Duration sessionTimeout) {
  /** Property prefix of every Baton setting in a component's context. */
  public static final String PREFIX = "baton.";

  /** Property holding the connect string. */
  public static final String CONNECT = PREFIX + "connect";

  /** Property holding the namespace. */
  public static final String NAMESPACE = PREFIX + "namespace";

  /** Property holding the session timeout in milliseconds. */
  public static final String SESSION_TIMEOUT_MS = PREFIX + "sessionTimeoutMs";

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code connectString} or {@code sessionTimeout} is null
   */
  public FlumeCoordinatorSettings {
    Objects.requireNonNull(connectString, "connectString");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
  }

  /**
   * Reads the settings from a component's context.
   *
   * @param context the component's Flume context
   * @return the settings
   * @throws ConfigurationException if a property is missing or invalid; the message names it
   */
  public static FlumeCoordinatorSettings from(Context context) {
    String connect = context.getString(CONNECT);
    if (connect == null || connect.isBlank()) {
      throw new ConfigurationException("missing required property '" + CONNECT + "'");
    }
    long timeoutMs;
    try {
      timeoutMs = context.getLong(SESSION_TIMEOUT_MS, 15_000L);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          "property '"
              + SESSION_TIMEOUT_MS
              + "' must be a number of milliseconds, was '"
              + context.getString(SESSION_TIMEOUT_MS)
              + "'",
          e);
    }
    FlumeCoordinatorSettings settings =
        new FlumeCoordinatorSettings(
            connect.trim(), context.getString(NAMESPACE), Duration.ofMillis(timeoutMs));
    try {
      settings.toBuilder(); // validates every value with the core's own checks
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("invalid Baton settings: " + e.getMessage(), e);
    }
    return settings;
  }

  /**
   * A coordinator builder with these settings.
   *
   * @return a new builder
   * @throws IllegalArgumentException if a value is invalid
   */
  public CoordinatorBuilder toBuilder() {
    CoordinatorBuilder b =
        Coordinator.builder().connectString(connectString).sessionTimeout(sessionTimeout);
    if (namespace != null && !namespace.isBlank()) {
      b.namespace(namespace.trim());
    }
    return b;
  }
}
