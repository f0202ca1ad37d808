package dev.baton;

import dev.baton.embedded.EmbeddedZooKeeper;
import dev.baton.internal.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link Coordinator}. Either {@link #connectString(String)} or {@link #embedded()}
 * is required; everything else has a documented default. Every setter checks its argument and names
 * the bad value; {@link #build()} checks the combination.
 *
 * @since 0.1
 */
public final class CoordinatorBuilder {
  static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
  static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  private @Nullable String connectString;
  private boolean embedded;
  private @Nullable String namespace;
  private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
  private @Nullable Duration connectionTimeout;
  private org.apache.curator.@Nullable RetryPolicy retryPolicy;
  private final List<org.apache.curator.framework.AuthInfo> authInfos = new ArrayList<>();
  private org.apache.curator.framework.api.@Nullable ACLProvider aclProvider;
  private AclMode aclMode = AclMode.OPEN;
  private org.apache.zookeeper.client.@Nullable ZKClientConfig clientConfig;
  private boolean canBeReadOnly;
  private boolean followEnsemble = true;

  CoordinatorBuilder() {}

  /**
   * The ZooKeeper ensemble: comma-separated {@code host:port} pairs, optionally followed by a
   * chroot path, e.g. {@code zk1:2181,zk2:2181,zk3:2181} or {@code zk1:2181/apps}.
   *
   * @param connectString the connect string
   * @return this builder
   * @throws IllegalArgumentException if it is empty, names no host, or has a bad port or chroot
   */
  public CoordinatorBuilder connectString(String connectString) {
    this.connectString = ConnectStrings.validate(connectString);
    return this;
  }

  /**
   * Starts a real ZooKeeper server in this JVM (temporary data, free loopback port) and connects to
   * it; the coordinator stops the server when it closes. For development and demos that need one
   * coordinator on a private server; to share one server between several coordinators, start an
   * {@link EmbeddedZooKeeper} and give each its {@link EmbeddedZooKeeper#connectString()}. The
   * server's threads are daemon threads: a coordinator that is never closed does not keep the JVM
   * alive.
   *
   * @return this builder
   */
  public CoordinatorBuilder embedded() {
    this.embedded = true;
    return this;
  }

  /**
   * Puts every path of this coordinator under {@code /namespace}. Default: no namespace.
   *
   * @param namespace slash-separated segments of letters, digits, {@code . _ -}, e.g. {@code
   *     pipelines/clickstream}; no leading or trailing slash
   * @return this builder
   * @throws IllegalArgumentException if the namespace is invalid
   */
  public CoordinatorBuilder namespace(String namespace) {
    this.namespace = Names.relativePath("namespace", namespace);
    return this;
  }

  /**
   * The session timeout to ask for; the server may grant a different one (between 2 and 20 of its
   * ticks). Default 15 s.
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public CoordinatorBuilder sessionTimeout(Duration timeout) {
    this.sessionTimeout = requirePositive("sessionTimeout", timeout);
    return this;
  }

  /**
   * How long a single connection attempt may take. Default 10 s, or the session timeout if that is
   * shorter.
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public CoordinatorBuilder connectionTimeout(Duration timeout) {
    this.connectionTimeout = requirePositive("connectionTimeout", timeout);
    return this;
  }

  /**
   * How Curator retries operations that failed on a lost connection. Default: exponential backoff
   * from 100 ms to 5 s, 10 retries.
   *
   * @param policy the policy
   * @return this builder
   */
  public CoordinatorBuilder retryPolicy(org.apache.curator.RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
    return this;
  }

  /**
   * Adds authentication sent on every (re)connection, e.g. scheme {@code digest} with {@code
   * user:password} bytes, or {@code sasl}.
   *
   * @param scheme the ZooKeeper auth scheme
   * @param auth the scheme's credentials
   * @return this builder
   * @throws IllegalArgumentException if the scheme is blank
   */
  public CoordinatorBuilder authorization(String scheme, byte[] auth) {
    if (scheme == null || scheme.isBlank()) {
      throw new IllegalArgumentException("auth scheme must not be blank");
    }
    authInfos.add(
        new org.apache.curator.framework.AuthInfo(
            scheme, Objects.requireNonNull(auth, "auth").clone()));
    return this;
  }

  /**
   * Adds digest authentication as {@code user}.
   *
   * @param user the user name (no colon)
   * @param password the password
   * @return this builder
   * @throws IllegalArgumentException if the user is blank or contains {@code ':'}
   */
  public CoordinatorBuilder digestAuth(String user, String password) {
    if (user == null || user.isBlank() || user.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "digest user '" + user + "' must be non-blank and contain no ':'");
    }
    Objects.requireNonNull(password, "password");
    return authorization(
        "digest", (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Chooses ACLs for created nodes from a fixed mode. Default {@link AclMode#OPEN}.
   *
   * @param mode the mode
   * @return this builder
   */
  public CoordinatorBuilder acl(AclMode mode) {
    this.aclMode = Objects.requireNonNull(mode, "aclMode");
    return this;
  }

  /**
   * Chooses ACLs for created nodes per path; overrides {@link #acl(AclMode)}.
   *
   * @param provider the provider
   * @return this builder
   */
  public CoordinatorBuilder aclProvider(org.apache.curator.framework.api.ACLProvider provider) {
    this.aclProvider = Objects.requireNonNull(provider, "aclProvider");
    return this;
  }

  /**
   * ZooKeeper client settings, e.g. TLS ({@code zookeeper.client.secure}, key and trust stores) or
   * SASL, without touching JVM-wide system properties.
   *
   * @param config the client configuration
   * @return this builder
   */
  public CoordinatorBuilder clientConfig(org.apache.zookeeper.client.ZKClientConfig config) {
    this.clientConfig = Objects.requireNonNull(config, "clientConfig");
    return this;
  }

  /**
   * Whether to keep serving reads from a server that lost its quorum. Default {@code false}.
   *
   * @param canBeReadOnly whether read-only mode is allowed
   * @return this builder
   */
  public CoordinatorBuilder canBeReadOnly(boolean canBeReadOnly) {
    this.canBeReadOnly = canBeReadOnly;
    return this;
  }

  /**
   * Whether the client learns the ensemble's members from the servers and may move to any of them
   * (Curator's ensemble tracker). Default {@code true}, which suits production: a connect string
   * naming one member still reaches the others. Turn it off to keep a client on exactly the servers
   * of its connect string, e.g. a test that cuts one member off and needs the client to stay behind
   * the cut.
   *
   * @param followEnsemble whether the client may follow the ensemble's membership
   * @return this builder
   */
  public CoordinatorBuilder followEnsemble(boolean followEnsemble) {
    this.followEnsemble = followEnsemble;
    return this;
  }

  /**
   * Starts the client (and the embedded server, if asked) and returns the coordinator. The client
   * connects in the background: use {@link Coordinator#awaitConnected(Duration)} to wait.
   *
   * @return a started coordinator
   * @throws IllegalStateException if neither or both of a connect string and {@link #embedded()}
   *     were given, or if {@code connectionTimeout} exceeds {@code sessionTimeout}
   */
  public Coordinator build() {
    if (connectString == null && !embedded) {
      throw new IllegalStateException(
          "no ZooKeeper to connect to: set connectString(...) or embedded()");
    }
    if (connectString != null && embedded) {
      throw new IllegalStateException(
          "both connectString(" + connectString + ") and embedded() given: choose one");
    }
    Duration connectionTimeout =
        this.connectionTimeout != null
            ? this.connectionTimeout
            : (DEFAULT_CONNECTION_TIMEOUT.compareTo(sessionTimeout) > 0
                ? sessionTimeout
                : DEFAULT_CONNECTION_TIMEOUT);
    if (connectionTimeout.compareTo(sessionTimeout) > 0) {
      throw new IllegalStateException(
          "connectionTimeout "
              + connectionTimeout
              + " must not exceed sessionTimeout "
              + sessionTimeout);
    }
    EmbeddedZooKeeper server = embedded ? EmbeddedZooKeeper.builder().start() : null;
    try {
      org.apache.curator.framework.CuratorFrameworkFactory.Builder b =
          org.apache.curator.framework.CuratorFrameworkFactory.builder()
              .connectString(server != null ? server.connectString() : connectString)
              .sessionTimeoutMs((int) sessionTimeout.toMillis())
              .connectionTimeoutMs((int) connectionTimeout.toMillis())
              .retryPolicy(
                  retryPolicy != null
                      ? retryPolicy
                      : new org.apache.curator.retry.BoundedExponentialBackoffRetry(100, 5000, 10))
              .canBeReadOnly(canBeReadOnly)
              .ensembleTracker(followEnsemble)
              .threadFactory(dev.baton.internal.NamedThreads.of("curator"))
              .aclProvider(aclProvider != null ? aclProvider : AclProviders.of(aclMode));
      if (namespace != null) {
        b.namespace(namespace);
      }
      if (!authInfos.isEmpty()) {
        b.authorization(List.copyOf(authInfos));
      }
      if (clientConfig != null) {
        b.zkClientConfig(clientConfig);
      }
      CuratorFramework client = b.build();
      client.start();
      return new Coordinator(client, true, server);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  static Duration requirePositive(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }
}
