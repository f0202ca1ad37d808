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
 * <p>A component whose context has no {@value #CONNECT} uses the settings of the agent's {@link
 * BatonConfigurationProvider} instead, so that an agent started by {@link BatonAgent} names its
 * ensemble once, on the command line. Every component of a JVM with equal settings shares one
 * {@link Coordinator} (one ZooKeeper session), opened by the first and closed by the last.
 *
 * <p>Bad values fail the component's {@code configure(Context)} with a Flume {@link
 * ConfigurationException} naming the property.
 *
 * @param connectString the ZooKeeper connect string ({@value #CONNECT})
 * @param namespace the namespace, or {@code null} for none ({@value #NAMESPACE})
 * @param sessionTimeout the session timeout ({@value #SESSION_TIMEOUT_MS}, default 15 s)
 * @param auth ZooKeeper authentication as {@code scheme:credentials}, e.g. {@code
 *     digest:user:password} ({@value #AUTH}), or {@code null} for none; {@link #toString()} hides
 *     the credentials
 * @since 0.1
 */
public record FlumeCoordinatorSettings(
    String connectString,
    @Nullable String namespace,
    Duration sessionTimeout,
    @Nullable String auth) {
  /** Property prefix of every Baton setting in a component's context. */
  public static final String PREFIX = "baton.";

  /** Property holding the connect string. */
  public static final String CONNECT = PREFIX + "connect";

  /** Property holding the namespace. */
  public static final String NAMESPACE = PREFIX + "namespace";

  /** Property holding the session timeout in milliseconds. */
  public static final String SESSION_TIMEOUT_MS = PREFIX + "sessionTimeoutMs";

  /** Property holding the authentication, {@code scheme:credentials}. */
  public static final String AUTH = PREFIX + "auth";

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
   * Settings without authentication.
   *
   * @param connectString the ZooKeeper connect string
   * @param namespace the namespace, or {@code null} for none
   * @param sessionTimeout the session timeout
   * @throws NullPointerException if {@code connectString} or {@code sessionTimeout} is null
   */
  public FlumeCoordinatorSettings(
      String connectString, @Nullable String namespace, Duration sessionTimeout) {
    this(connectString, namespace, sessionTimeout, null);
  }

  /**
   * Whether a component's context names its own ensemble ({@value #CONNECT} is set).
   *
   * @param context the component's Flume context
   * @return {@code true} if the context carries Baton settings
   */
  public static boolean presentIn(Context context) {
    String connect = context.getString(CONNECT);
    return connect != null && !connect.isBlank();
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
            connect.trim(),
            context.getString(NAMESPACE),
            Duration.ofMillis(timeoutMs),
            context.getString(AUTH));
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
    if (auth != null) {
      int colon = auth.indexOf(':');
      if (colon <= 0 || colon == auth.length() - 1) {
        throw new IllegalArgumentException(
            "auth must be 'scheme:credentials', e.g. 'digest:user:password'");
      }
      b.authorization(
          auth.substring(0, colon),
          auth.substring(colon + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return b;
  }

  @Override
  public String toString() {
    return "FlumeCoordinatorSettings[connectString="
        + connectString
        + ", namespace="
        + namespace
        + ", sessionTimeout="
        + sessionTimeout
        + ", auth="
        + (auth == null ? "none" : auth.substring(0, Math.max(0, auth.indexOf(':'))) + ":***")
        + "]";
  }
}
