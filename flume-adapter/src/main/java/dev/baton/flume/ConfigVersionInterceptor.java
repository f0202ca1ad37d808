package dev.baton.flume;

import dev.baton.election.Leadership;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.jspecify.annotations.Nullable;

/**
 * Stamps every event with the config it was read under: the agent's config key and the version its
 * {@link BatonConfigurationProvider} applied, so that a record downstream tells which config
 * produced it. Optionally the agent's name and, when a gated component of this agent leads the
 * named election, that leadership's epoch.
 *
 * <pre>{@code
 * a1.sources.r1.interceptors = v
 * a1.sources.r1.interceptors.v.type = dev.baton.flume.ConfigVersionInterceptor$Builder
 * a1.sources.r1.interceptors.v.agent = true
 * a1.sources.r1.interceptors.v.election = orders-poller
 * }</pre>
 *
 * <p>Headers: {@value #KEY_HEADER}, {@value #VERSION_HEADER} (such as {@code s3.a7}), with {@code
 * agent = true} {@value #AGENT_HEADER}, and with {@code election} set {@value
 * LeaderGatedSinkProcessor#EPOCH_HEADER} while this agent leads it. Nothing is stamped before the
 * provider applied a config (an agent run without the provider). Existing values are replaced. The
 * compiled example is the agent config in {@code dev.baton.flume.ConfigVersionInterceptorTest}.
 *
 * <p>Thread-safe; cheap: it reads two volatile fields per event.
 *
 * @since 0.1
 */
public final class ConfigVersionInterceptor implements Interceptor {
  /** Header holding the agent's config key. */
  public static final String KEY_HEADER = "baton.config.key";

  /** Header holding the applied config version. */
  public static final String VERSION_HEADER = "baton.config.version";

  /** Header holding the agent's name. */
  public static final String AGENT_HEADER = "baton.agent";

  private final boolean agent;
  private final @Nullable String election;

  private ConfigVersionInterceptor(boolean agent, @Nullable String election) {
    this.agent = agent;
    this.election = election;
  }

  @Override
  public void initialize() {}

  /**
   * Stamps one event.
   *
   * @param event the event
   * @return the same event, stamped
   */
  @Override
  public Event intercept(Event event) {
    RunningAgent.Applied applied = RunningAgent.current();
    Map<String, String> headers = event.getHeaders();
    if (applied != null) {
      headers.put(KEY_HEADER, applied.key());
      headers.put(VERSION_HEADER, applied.version());
      if (agent) {
        headers.put(AGENT_HEADER, applied.agent());
      }
    }
    if (election != null) {
      Leadership l = LeaderGate.heldBy(election);
      if (l != null) {
        headers.put(LeaderGatedSinkProcessor.EPOCH_HEADER, Long.toString(l.epoch()));
      }
    }
    return event;
  }

  /**
   * Stamps a batch.
   *
   * @param events the events
   * @return the same events, stamped
   */
  @Override
  public List<Event> intercept(List<Event> events) {
    for (Event e : events) {
      intercept(e);
    }
    return events;
  }

  @Override
  public void close() {}

  /**
   * Builds the interceptor from its properties ({@code agent}, {@code election}); name it in the
   * agent's config as {@code dev.baton.flume.ConfigVersionInterceptor$Builder}.
   *
   * @since 0.1
   */
  public static final class Builder implements Interceptor.Builder {
    private boolean agent;
    private @Nullable String election;

    /** Creates the builder; Flume calls this, then {@code configure}. */
    public Builder() {}

    /**
     * Reads {@code agent} (default false) and {@code election} (default none).
     *
     * @param context the interceptor's properties
     */
    @Override
    public void configure(Context context) {
      agent = context.getBoolean("agent", false);
      String e = context.getString("election");
      election = e == null || e.isBlank() ? null : e.trim();
    }

    /** {@return the interceptor} */
    @Override
    public Interceptor build() {
      return new ConfigVersionInterceptor(agent, election);
    }
  }
}
