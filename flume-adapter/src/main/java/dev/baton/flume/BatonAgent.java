package dev.baton.flume;

import com.google.common.eventbus.EventBus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.flume.lifecycle.LifecycleAware;
import org.apache.flume.node.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's main class: Flume's {@code Application} with a {@link BatonConfigurationProvider}
 * that reloads, which Flume's own {@code --conf-provider} cannot do (it asks a provider once).
 * Point Flume's launcher at it in {@code conf/flume-env.sh}:
 *
 * <pre>{@code
 * FLUME_AGENT_CLASS=dev.baton.flume.BatonAgent
 * }</pre>
 *
 * <p>and start the agent as usual, with the ensemble on the command line:
 *
 * <pre>{@code
 * bin/flume-ng agent -c conf -n a1 -z zk1:2181,zk2:2181 -p pipelines/clickstream -b /var/lib/flume
 * }</pre>
 *
 * <p>Flags: {@code -n/--name} (required), {@code -z/--zkConnString} (required), {@code
 * -p/--zkBasePath} (the Baton namespace; a leading {@code /} is ignored), {@code
 * -b/--backup-directory} (the backup file is {@code <dir>/<agent>.properties}), {@code
 * --agent-key}, {@code --shared-key} ({@code none} for no shared layer), {@code --auth
 * scheme:credentials}, {@code --session-timeout <ms>}, {@code --startup-timeout <ms>}. The compiled
 * example is {@code dev.baton.flume.examples.AgentExample} in the test sources.
 *
 * @since 0.1
 */
public final class BatonAgent {
  private static final Logger LOG = LoggerFactory.getLogger(BatonAgent.class);

  private BatonAgent() {}

  /**
   * Starts the agent and returns; the agent stops on JVM shutdown. Exits with status 1 on bad
   * flags.
   *
   * @param args the flags described above
   */
  public static void main(String[] args) {
    Application app;
    try {
      app = launch(args);
    } catch (ParseException | IllegalArgumentException e) {
      System.err.println("baton agent: " + e.getMessage());
      new HelpFormatter().printHelp("flume-ng agent -n <agent> -z <connect> [flags]", options());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "baton-flume-agent-shutdown"));
  }

  /**
   * Parses the flags, wires provider, event bus and application, and starts the application.
   *
   * @param args the flags
   * @return the started application; stop it to stop the agent
   * @throws ParseException if a flag is unknown or a required one missing
   * @throws IllegalArgumentException if a value is invalid; the message names the flag
   */
  static Application launch(String[] args) throws ParseException {
    CommandLine cmd = new DefaultParser().parse(options(), args);
    String agent = cmd.getOptionValue("n");
    String namespace = cmd.getOptionValue("p");
    if (namespace != null) {
      namespace = namespace.replaceAll("^/+", "");
    }
    FlumeCoordinatorSettings settings =
        new FlumeCoordinatorSettings(
            cmd.getOptionValue("z"),
            namespace == null || namespace.isEmpty() ? null : namespace,
            millis(cmd, "session-timeout", 15_000),
            cmd.getOptionValue("auth"));
    try {
      settings.toBuilder();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid -z/-p/--auth: " + e.getMessage(), e);
    }
    EventBus bus = new EventBus(agent + "-event-bus");
    ProviderBuilder b =
        BatonConfigurationProvider.builder(agent)
            .settings(settings)
            .eventBus(bus)
            .startupTimeout(millis(cmd, "startup-timeout", 10_000));
    if (cmd.hasOption("agent-key")) {
      b.agentKey(cmd.getOptionValue("agent-key"));
    }
    if (cmd.hasOption("shared-key")) {
      String shared = cmd.getOptionValue("shared-key");
      b.sharedKey(shared.equals("none") ? null : shared);
    }
    if (cmd.hasOption("b")) {
      b.backupFile(Path.of(cmd.getOptionValue("b"), agent + ".properties"));
    }
    BatonConfigurationProvider provider = b.build();
    Application app = new Application(List.<LifecycleAware>of(provider));
    bus.register(app);
    app.start();
    LOG.info("Agent {} started with {}", agent, provider);
    return app;
  }

  private static Duration millis(CommandLine cmd, String flag, long def) {
    String v = cmd.getOptionValue(flag);
    if (v == null) {
      return Duration.ofMillis(def);
    }
    try {
      long ms = Long.parseLong(v.trim());
      if (ms <= 0) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a positive number of milliseconds, was '" + v + "'");
    }
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(required(new Option("n", "name", true, "the agent's name")));
    o.addOption(required(new Option("z", "zkConnString", true, "ZooKeeper connect string")));
    o.addOption(new Option("p", "zkBasePath", true, "Baton namespace, e.g. pipelines/etl"));
    o.addOption(new Option("b", "backup-directory", true, "directory of the last good config"));
    o.addOption(new Option(null, "agent-key", true, "config key (default flume/agents/<name>)"));
    o.addOption(new Option(null, "shared-key", true, "shared key (default flume/shared; none)"));
    o.addOption(new Option(null, "auth", true, "ZooKeeper auth, scheme:credentials"));
    o.addOption(new Option(null, "session-timeout", true, "session timeout in ms (15000)"));
    o.addOption(new Option(null, "startup-timeout", true, "wait for ZooKeeper in ms (10000)"));
    // Flume's own launcher passes these; the config comes from ZooKeeper, so they are ignored.
    o.addOption(new Option("f", "conf-file", true, "ignored"));
    o.addOption(new Option(null, "no-reload-conf", false, "ignored"));
    return o;
  }

  private static Option required(Option o) {
    o.setRequired(true);
    return o;
  }
}
