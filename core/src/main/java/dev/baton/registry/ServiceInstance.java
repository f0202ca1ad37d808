package dev.baton.registry;

import dev.baton.internal.Names;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One instance of a service, as registered in ZooKeeper and seen by {@link ServiceView}s: an
 * immutable value.
 *
 * <pre>{@code
 * ServiceInstance collector = ServiceInstance.builder("collector")
 *     .host("10.0.0.7")
 *     .port(4141)
 *     .putMetadata("zone", "eu-west-1a")
 *     .build();
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.RegistryExample} in the test
 * sources.
 *
 * <p>Every component is checked when the value is made, so an invalid instance never reaches
 * ZooKeeper: the name and id must be path-safe (letters, digits, {@code . _ -}, not starting with a
 * dot), ports in 1..65535, the host a plain host name or IP literal, and the metadata within
 * {@value #MAX_METADATA_ENTRIES} entries, keys of at most {@value #MAX_METADATA_KEY} and values of
 * at most {@value #MAX_METADATA_VALUE} characters, {@value #MAX_METADATA_TOTAL} characters in all.
 *
 * @param name the service name, the node {@code /services/<name>}
 * @param id the instance id, unique within the service; the node {@code /services/<name>/<id>}
 * @param host the host name or IP address clients connect to
 * @param port the plain port
 * @param tlsPort the TLS port, or {@code null} if the instance offers none
 * @param status whether the instance takes work
 * @param metadata free-form string attributes (zone, version, weight...), sorted by key
 * @param registeredAt when the instance was first registered (kept across re-registrations)
 * @since 0.1
 */
public record ServiceInstance(
    String name,
    String id,
    String host,
    int port,
    @Nullable Integer tlsPort,
    InstanceStatus status,
    Map<String, String> metadata,
    Instant registeredAt) {

  /** At most this many metadata entries. */
  public static final int MAX_METADATA_ENTRIES = 64;

  /** At most this many characters in a metadata key. */
  public static final int MAX_METADATA_KEY = 128;

  /** At most this many characters in a metadata value. */
  public static final int MAX_METADATA_VALUE = 1024;

  /** At most this many characters in all metadata keys and values together. */
  public static final int MAX_METADATA_TOTAL = 8192;

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\-\\[\\]]{1,253}");

  /**
   * Checks every component and freezes the metadata.
   *
   * @throws IllegalArgumentException if a component breaks a rule; the message names it
   * @throws NullPointerException if a component other than {@code tlsPort} is null
   */
  public ServiceInstance {
    Names.segment("service name", name);
    Names.segment("instance id", id);
    Objects.requireNonNull(host, "host");
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "host '"
              + host
              + "' of instance "
              + id
              + " is not a host name or IP literal (1-253 of letters, digits, '.', '-', ':',"
              + " '%', '[', ']')");
    }
    checkPort("port", port);
    if (tlsPort != null) {
      checkPort("tlsPort", tlsPort);
    }
    Objects.requireNonNull(status, "status");
    metadata = checkMetadata(metadata);
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  /**
   * Starts building an instance of {@code serviceName}.
   *
   * @param serviceName the service name
   * @return a builder; {@link Builder#host} and {@link Builder#port} are required
   * @throws IllegalArgumentException if the name is not path-safe
   */
  public static Builder builder(String serviceName) {
    return new Builder(Names.segment("service name", serviceName));
  }

  /**
   * A copy with another status.
   *
   * @param newStatus the status
   * @return the copy
   */
  public ServiceInstance withStatus(InstanceStatus newStatus) {
    return new ServiceInstance(name, id, host, port, tlsPort, newStatus, metadata, registeredAt);
  }

  /**
   * A copy with other metadata (replacing all of it).
   *
   * @param newMetadata the metadata
   * @return the copy
   * @throws IllegalArgumentException if the metadata breaks a size rule
   */
  public ServiceInstance withMetadata(Map<String, String> newMetadata) {
    return new ServiceInstance(name, id, host, port, tlsPort, status, newMetadata, registeredAt);
  }

  /**
   * A copy with another registration time.
   *
   * @param time the time
   * @return the copy
   */
  public ServiceInstance withRegisteredAt(Instant time) {
    return new ServiceInstance(name, id, host, port, tlsPort, status, metadata, time);
  }

  /**
   * The plain address, {@code host:port}, with an IPv6 literal in brackets.
   *
   * @return the address
   */
  public String address() {
    boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
    return (ipv6 ? "[" + host + "]" : host) + ":" + port;
  }

  private static void checkPort(String what, int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(what + " " + port + " is outside 1..65535");
    }
  }

  private static Map<String, String> checkMetadata(Map<String, String> metadata) {
    Objects.requireNonNull(metadata, "metadata");
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw new IllegalArgumentException(
          "metadata has " + metadata.size() + " entries, more than " + MAX_METADATA_ENTRIES);
    }
    int total = 0;
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "metadata key");
      String value = Objects.requireNonNull(e.getValue(), () -> "metadata value of " + key);
      if (key.isEmpty() || key.length() > MAX_METADATA_KEY) {
        throw new IllegalArgumentException(
            "metadata key '"
                + abbreviate(key)
                + "' must have 1 to "
                + MAX_METADATA_KEY
                + " characters, has "
                + key.length());
      }
      if (value.length() > MAX_METADATA_VALUE) {
        throw new IllegalArgumentException(
            "metadata value of '"
                + key
                + "' has "
                + value.length()
                + " characters, more than "
                + MAX_METADATA_VALUE);
      }
      total += key.length() + value.length();
      copy.put(key, value);
    }
    if (total > MAX_METADATA_TOTAL) {
      throw new IllegalArgumentException(
          "metadata has " + total + " characters in all, more than " + MAX_METADATA_TOTAL);
    }
    return Collections.unmodifiableMap(copy);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /**
   * Builds a {@link ServiceInstance}. Each setter checks its argument; {@link #build()} names a
   * missing required setting. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String name;
    private @Nullable String id;
    private @Nullable String host;
    private int port;
    private @Nullable Integer tlsPort;
    private InstanceStatus status = InstanceStatus.UP;
    private final Map<String, String> metadata = new TreeMap<>();
    private @Nullable Instant registeredAt;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * The instance id. Default: a random UUID, so every process gets its own. Give a stable id
     * (e.g. the host name) when a restarted process should take its old place.
     *
     * @param id a path-safe id
     * @return this builder
     * @throws IllegalArgumentException if the id is not path-safe
     */
    public Builder id(String id) {
      this.id = Names.segment("instance id", id);
      return this;
    }

    /**
     * The host clients connect to. Required.
     *
     * @param host a host name or IP literal
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The plain port. Required.
     *
     * @param port 1..65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      checkPort("port", port);
      this.port = port;
      return this;
    }

    /**
     * The TLS port. Default: none.
     *
     * @param tlsPort 1..65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder tlsPort(int tlsPort) {
      checkPort("tlsPort", tlsPort);
      this.tlsPort = tlsPort;
      return this;
    }

    /**
     * The status. Default {@link InstanceStatus#UP}.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(InstanceStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Adds one metadata entry (size rules are checked by {@link #build()}).
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder putMetadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds every entry of {@code entries} to the metadata.
     *
     * @param entries the entries
     * @return this builder
     */
    public Builder metadata(Map<String, String> entries) {
      entries.forEach(this::putMetadata);
      return this;
    }

    /**
     * The registration time. Default: when {@link #build()} runs. Re-registrations after a session
     * loss keep it.
     *
     * @param time the time
     * @return this builder
     */
    public Builder registeredAt(Instant time) {
      this.registeredAt = Objects.requireNonNull(time, "registeredAt");
      return this;
    }

    /**
     * Makes the instance.
     *
     * @return the instance
     * @throws IllegalStateException if {@code host} or {@code port} was not set
     * @throws IllegalArgumentException if the metadata breaks a size rule
     */
    public ServiceInstance build() {
      if (host == null) {
        throw new IllegalStateException("host not set for an instance of service " + name);
      }
      if (port == 0) {
        throw new IllegalStateException("port not set for an instance of service " + name);
      }
      return new ServiceInstance(
          name,
          id != null ? id : UUID.randomUUID().toString(),
          host,
          port,
          tlsPort,
          status,
          metadata,
          registeredAt != null ? registeredAt : Instant.now());
    }
  }
}
