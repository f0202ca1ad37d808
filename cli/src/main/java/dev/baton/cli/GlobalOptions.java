package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.CoordinatorBuilder;
import dev.baton.codec.Codecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after its name ({@code baton --json config get k} and
 * {@code baton config get k --json} mean the same), and the one way to connect with them.
 */
final class GlobalOptions {
  static final String TRUSTSTORE_PASSWORD_ENV = "BATON_TLS_TRUSTSTORE_PASSWORD";
  static final String KEYSTORE_PASSWORD_ENV = "BATON_TLS_KEYSTORE_PASSWORD";

  @Option(
      names = "--zk",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:BATON_ZK:-localhost:2181}",
      description = "ZooKeeper connect string (default: $BATON_ZK, else ${DEFAULT-VALUE}).")
  String zk;

  @Option(
      names = "--namespace",
      scope = ScopeType.INHERIT,
      description = "Namespace of the pipeline's coordinator, e.g. pipelines/clickstream.")
  @Nullable String namespace;

  @Option(
      names = "--auth",
      scope = ScopeType.INHERIT,
      paramLabel = "USER:PASSWORD",
      description = "Digest credentials for the session.")
  @Nullable String auth;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON (one schema per command).")
  boolean json;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How long to wait for ZooKeeper (e.g. 500ms, 10s; default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  @Option(names = "--tls", scope = ScopeType.INHERIT, description = "Connect over TLS.")
  boolean tls;

  @Option(
      names = "--tls-truststore",
      scope = ScopeType.INHERIT,
      description = "Trust store (JKS or PKCS12) for --tls.")
  @Nullable Path truststore;

  @Option(
      names = "--tls-truststore-password-file",
      scope = ScopeType.INHERIT,
      description =
          "File holding the trust store's password (else $" + TRUSTSTORE_PASSWORD_ENV + ").")
  @Nullable Path truststorePasswordFile;

  @Option(
      names = "--tls-keystore",
      scope = ScopeType.INHERIT,
      description = "Key store with the client certificate for --tls.")
  @Nullable Path keystore;

  @Option(
      names = "--tls-keystore-password-file",
      scope = ScopeType.INHERIT,
      description = "File holding the key store's password (else $" + KEYSTORE_PASSWORD_ENV + ").")
  @Nullable Path keystorePasswordFile;

  /** The options of the root command, as seen from any subcommand. */
  static GlobalOptions of(CommandLine.Model.CommandSpec spec) {
    return ((BatonCommand) spec.root().userObject()).global;
  }

  /**
   * Connects and waits for the session, so that an unreachable server fails here, within {@code
   * --timeout}, with exit status 4.
   */
  Coordinator connect() {
    CoordinatorBuilder b = Coordinator.builder().connectString(zk).connectionTimeout(timeout);
    if (namespace != null) {
      b.namespace(namespace);
    }
    if (auth != null) {
      int colon = auth.indexOf(':');
      if (colon <= 0) {
        throw CliException.usage("--auth: expected USER:PASSWORD");
      }
      b.digestAuth(auth.substring(0, colon), auth.substring(colon + 1));
    }
    if (tls) {
      b.clientConfig(tlsConfig(System.getenv()));
    }
    Coordinator coord = b.build();
    boolean connected;
    try {
      connected = coord.awaitConnected(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connected = false;
    }
    if (!connected) {
      coord.close();
      throw new CliException(
          ExitCodes.CONNECTION,
          "cannot connect to ZooKeeper at " + zk + " within " + Output.duration(timeout));
    }
    return coord;
  }

  /** ZooKeeper's client settings for TLS: the Netty socket and the stores, from the options. */
  ZKClientConfig tlsConfig(Map<String, String> env) {
    ZKClientConfig config = new ZKClientConfig();
    config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
    config.setProperty(
        ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
    try (ClientX509Util x509 = new ClientX509Util()) {
      if (truststore != null) {
        config.setProperty(x509.getSslTruststoreLocationProperty(), truststore.toString());
        String pw =
            password("--tls-truststore", truststorePasswordFile, TRUSTSTORE_PASSWORD_ENV, env);
        if (pw != null) {
          config.setProperty(x509.getSslTruststorePasswdProperty(), pw);
        }
      }
      if (keystore != null) {
        config.setProperty(x509.getSslKeystoreLocationProperty(), keystore.toString());
        String pw = password("--tls-keystore", keystorePasswordFile, KEYSTORE_PASSWORD_ENV, env);
        if (pw != null) {
          config.setProperty(x509.getSslKeystorePasswdProperty(), pw);
        }
      }
    }
    return config;
  }

  // Passwords come from a file or the environment, never the command line, where `ps` shows them.
  private static @Nullable String password(
      String option, @Nullable Path file, String envName, Map<String, String> env) {
    if (file != null) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw CliException.usage(option + "-password-file " + file + ": cannot read (" + e + ")");
      }
    }
    return env.get(envName);
  }

  /** Reads {@code 10s}, {@code 500ms}, {@code 1m30s} or ISO-8601 {@code PT10S}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = Codecs.ofDuration().decode(value.getBytes(StandardCharsets.UTF_8));
      if (d.isZero() || d.isNegative()) {
        throw new CommandLine.TypeConversionException("must be positive, was " + value);
      }
      return d;
    }
  }
}
