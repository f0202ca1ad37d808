package dev.baton.flume;

import com.google.common.eventbus.EventBus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link BatonConfigurationProvider}, from {@link
 * BatonConfigurationProvider#builder(String)}. {@link #settings} and {@link #eventBus} are
 * required.
 *
 * @since 0.1
 */
public final class ProviderBuilder {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
  final String agentName;
  @Nullable FlumeCoordinatorSettings settings;
  @Nullable String agentKey;
  @Nullable String sharedKey = BatonConfigurationProvider.DEFAULT_SHARED_KEY;
  @Nullable Path backupFile;
  Duration startupTimeout = Duration.ofSeconds(10);
  @Nullable EventBus eventBus;

  ProviderBuilder(String agentName) {
    if (agentName == null || agentName.isBlank() || !agentName.matches("[^.\\s]+")) {
      throw new IllegalArgumentException(
          "agent name '" + agentName + "' must be non-blank without dots or white space");
    }
    this.agentName = agentName;
  }

  /**
   * How to reach ZooKeeper. Required.
   *
   * @param settings the settings
   * @return this builder
   */
  public ProviderBuilder settings(FlumeCoordinatorSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * The agent's own config key. Default {@code flume/agents/<agent>}.
   *
   * @param key segments of letters, digits, {@code . _ -} separated by {@code /}
   * @return this builder
   * @throws IllegalArgumentException if the key is malformed
   */
  public ProviderBuilder agentKey(String key) {
    this.agentKey = checkKey("agentKey", key);
    return this;
  }

  /**
   * The shared config key, or {@code null} for none. Default {@value
   * BatonConfigurationProvider#DEFAULT_SHARED_KEY}.
   *
   * @param key segments of letters, digits, {@code . _ -} separated by {@code /}, or null
   * @return this builder
   * @throws IllegalArgumentException if the key is malformed
   */
  public ProviderBuilder sharedKey(@Nullable String key) {
    this.sharedKey = key == null ? null : checkKey("sharedKey", key);
    return this;
  }

  /**
   * Where the last good config is kept on local disk. Default: nowhere, and an agent whose
   * ZooKeeper is unreachable at start runs nothing until it is reachable.
   *
   * @param file the file; its directory is created if missing
   * @return this builder
   */
  public ProviderBuilder backupFile(Path file) {
    this.backupFile = Objects.requireNonNull(file, "backupFile");
    return this;
  }

  /**
   * How long the provider waits at start for ZooKeeper and the agent's key before it falls back to
   * the backup file. Default 10 s.
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public ProviderBuilder startupTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "startupTimeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive, was " + timeout);
    }
    this.startupTimeout = timeout;
    return this;
  }

  /**
   * The bus the agent's {@code Application} is registered on: Guava's {@code EventBus} as Flume
   * bundles it. Required.
   *
   * @param bus the bus
   * @return this builder
   */
  public ProviderBuilder eventBus(EventBus bus) {
    this.eventBus = Objects.requireNonNull(bus, "eventBus");
    return this;
  }

  /**
   * Builds the provider; {@link BatonConfigurationProvider#start()} connects.
   *
   * @return the provider
   * @throws IllegalStateException if {@code settings} or {@code eventBus} is missing
   */
  public BatonConfigurationProvider build() {
    if (settings == null) {
      throw new IllegalStateException("settings(..) is required: how to reach ZooKeeper");
    }
    if (eventBus == null) {
      throw new IllegalStateException("eventBus(..) is required: the agent's event bus");
    }
    return new BatonConfigurationProvider(this);
  }

  private static String checkKey(String what, String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          what + " '" + key + "' must be segments of letters, digits, . _ - separated by /");
    }
    return key;
  }
}
