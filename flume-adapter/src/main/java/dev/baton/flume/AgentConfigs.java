package dev.baton.flume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flume.FlumeException;
import org.apache.flume.channel.DefaultChannelFactory;
import org.apache.flume.conf.FlumeConfiguration;
import org.apache.flume.conf.FlumeConfigurationError;
import org.apache.flume.node.AbstractConfigurationProvider;
import org.apache.flume.node.MaterializedConfiguration;
import org.apache.flume.sink.DefaultSinkFactory;
import org.apache.flume.source.DefaultSourceFactory;
import org.jspecify.annotations.Nullable;

/**
 * Layering and validation of an agent's properties. Flume itself applies whatever it is given: a
 * component with an error is dropped with a log line and the rest starts, so one typo silently
 * stops a flow. Here a config is accepted only if every component it declares would be built.
 */
final class AgentConfigs {
  /** Prefix, in the shared document, of properties that apply to every agent. */
  static final String EVERY_AGENT = "*.";

  private AgentConfigs() {}

  /**
   * This agent's properties: the shared layer, then the agent's own layer over it, key by key.
   * Properties of other agents are dropped; {@code *.} in either layer stands for this agent.
   */
  static SortedMap<String, String> merge(String agent, List<@Nullable Properties> layers) {
    SortedMap<String, String> out = new TreeMap<>();
    String own = agent + ".";
    for (Properties layer : layers) {
      if (layer == null) {
        continue;
      }
      for (String name : layer.stringPropertyNames()) {
        String key = name.trim();
        if (key.startsWith(EVERY_AGENT)) {
          key = own + key.substring(EVERY_AGENT.length());
        }
        if (key.startsWith(own)) {
          out.put(key, layer.getProperty(name));
        }
      }
    }
    return out;
  }

  /** An agent's merged properties and the version label of the layers they came from. */
  record Layered(String version, SortedMap<String, String> properties) {}

  /**
   * The merge of the stored layers, labelled {@code a<agent version>} or {@code s<shared
   * version>.a<agent version>} ({@code -} for an agent key with no value).
   *
   * @return the merge, or null if neither layer is stored
   */
  static @Nullable Layered layer(
      String agent,
      dev.baton.config.@Nullable Versioned<Properties> shared,
      dev.baton.config.Versioned<Properties> own) {
    boolean sharedStored = shared != null && shared.isStored();
    if (!own.isStored() && !sharedStored) {
      return null;
    }
    String version =
        (sharedStored ? "s" + shared.version() + "." : "")
            + "a"
            + (own.isStored() ? own.version() : "-");
    return new Layered(
        version, merge(agent, Arrays.asList(sharedStored ? shared.value() : null, own.value())));
  }

  /**
   * What is wrong with an agent's properties, each problem naming the key or the component.
   *
   * @return the problems; empty if the config can be applied
   */
  static List<String> problems(String agent, Map<String, String> props) {
    List<String> problems = new ArrayList<>();
    if (props.isEmpty()) {
      problems.add("no property starts with '" + agent + ".': no components for this agent");
      return problems;
    }
    FlumeConfiguration fc = new FlumeConfiguration(props);
    List<String> where = new ArrayList<>();
    for (FlumeConfigurationError e : fc.getConfigurationErrors()) {
      String w = e.getComponentName() + (e.getKey().isEmpty() ? "" : "." + e.getKey());
      // Flume reports a bad property once per level (agent and component): say it once.
      if (e.getErrorOrWarning() == FlumeConfigurationError.ErrorOrWarning.ERROR
          && where.stream().noneMatch(x -> x.endsWith("." + w) || x.equals(w))) {
        where.add(w);
        String what = e.getErrorType().getError();
        problems.add("'" + w + "': " + (what == null ? e.getErrorType().name() : what));
      }
    }
    FlumeConfiguration.AgentConfiguration ac = fc.getConfigurationFor(agent);
    Set<String> channels = declared(props, agent, "channels");
    Set<String> sources = declared(props, agent, "sources");
    Set<String> sinks = declared(props, agent, "sinks");
    if (sources.isEmpty() && sinks.isEmpty()) {
      problems.add(
          "no components for this agent: '"
              + agent
              + ".sources' and '"
              + agent
              + ".sinks' are both empty or missing");
    }
    for (String source : sources) {
      checkType(problems, props, agent, "sources", source);
      for (String ch : words(props.get(agent + ".sources." + source + ".channels"))) {
        checkChannel(problems, channels, agent, "source '" + source + "'", ch);
      }
    }
    for (String sink : sinks) {
      checkType(problems, props, agent, "sinks", sink);
      String ch = props.get(agent + ".sinks." + sink + ".channel");
      if (ch != null && !ch.isBlank()) {
        checkChannel(problems, channels, agent, "sink '" + sink + "'", ch.trim());
      }
    }
    for (String channel : channels) {
      checkType(problems, props, agent, "channels", channel);
    }
    if (ac != null && problems.isEmpty()) {
      dropped(problems, "source", sources, ac.getSourceSet());
      dropped(problems, "sink", sinks, ac.getSinkSet());
      dropped(problems, "channel", channels, ac.getChannelSet());
      if (problems.isEmpty()) {
        dryRun(problems, agent, props, fc, sources, sinks, channels);
      }
    } else if (ac == null && problems.isEmpty()) {
      problems.add("Flume found no valid configuration for agent '" + agent + "'");
    }
    return problems;
  }

  /**
   * Builds every component in a scratch provider, never started, so that a type that does not load
   * or a {@code configure()} that throws shows up as a missing component before the running agent
   * is touched. A scratch provider, because the agent's provider caches channels by name and would
   * drop the running ones from its cache.
   */
  private static void dryRun(
      List<String> problems,
      String agent,
      Map<String, String> props,
      FlumeConfiguration fc,
      Set<String> sources,
      Set<String> sinks,
      Set<String> channels) {
    MaterializedConfiguration mc;
    try {
      mc =
          new AbstractConfigurationProvider(agent) {
            @Override
            protected FlumeConfiguration getFlumeConfiguration() {
              return fc;
            }
          }.getConfiguration();
    } catch (RuntimeException e) {
      problems.add("the agent cannot be built: " + e.getMessage());
      return;
    }
    for (String source : sources) {
      if (!mc.getSourceRunners().containsKey(source)) {
        problems.add("source '" + source + "' failed to configure (the agent log has the cause)");
      }
    }
    Set<String> runners = mc.getSinkRunners().keySet();
    for (String group : declared(props, agent, "sinkgroups")) {
      Set<String> members = words(props.get(agent + ".sinkgroups." + group + ".sinks"));
      if (runners.contains(group)) {
        sinks.removeAll(members);
      } else {
        problems.add("sink group '" + group + "' failed to build (the agent log has the cause)");
        sinks.removeAll(members);
      }
    }
    for (String sink : sinks) {
      if (!runners.contains(sink)) {
        problems.add("sink '" + sink + "' failed to configure (the agent log has the cause)");
      }
    }
    for (String channel : channels) {
      if (!mc.getChannels().containsKey(channel)) {
        problems.add("channel '" + channel + "' failed to configure or is connected to nothing");
      }
    }
  }

  private static void checkType(
      List<String> problems, Map<String, String> props, String agent, String kind, String name) {
    String key = agent + "." + kind + "." + name + ".type";
    String type = props.get(key);
    if (type == null || type.isBlank()) {
      problems.add("'" + key + "' is missing: " + singular(kind) + " '" + name + "' has no type");
      return;
    }
    try {
      switch (kind) {
        case "sources" -> new DefaultSourceFactory().getClass(type.trim());
        case "sinks" -> new DefaultSinkFactory().getClass(type.trim());
        default -> new DefaultChannelFactory().getClass(type.trim());
      }
    } catch (FlumeException | LinkageError e) {
      problems.add(
          "'"
              + key
              + "' = '"
              + type.trim()
              + "' is an unknown "
              + singular(kind)
              + " type (neither a built-in alias nor a class on the agent's classpath)");
    }
  }

  private static void checkChannel(
      List<String> problems, Set<String> channels, String agent, String who, String channel) {
    if (!channels.contains(channel)) {
      problems.add(
          who
              + " references channel '"
              + channel
              + "', which '"
              + agent
              + ".channels' does not define");
    }
  }

  private static void dropped(
      List<String> problems, String kind, Set<String> declared, Set<String> kept) {
    for (String name : declared) {
      if (!kept.contains(name)) {
        problems.add(kind + " '" + name + "' was dropped by Flume's validation");
      }
    }
  }

  static Set<String> declared(Map<String, String> props, String agent, String kind) {
    return words(props.get(agent + "." + kind));
  }

  private static Set<String> words(@Nullable String list) {
    if (list == null || list.isBlank()) {
      return new LinkedHashSet<>();
    }
    return new LinkedHashSet<>(Arrays.asList(list.trim().split("\\s+")));
  }

  private static String singular(String kind) {
    return kind.substring(0, kind.length() - 1);
  }
}
