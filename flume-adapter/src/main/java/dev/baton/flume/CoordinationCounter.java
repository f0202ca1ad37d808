package dev.baton.flume;

import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * The agent's Baton counters, one per JVM, registered with JMX on first use so that Flume's own
 * monitoring reports them beside its channel, source and sink counters. See {@link
 * CoordinationCounterMBean} for what each counts.
 *
 * @since 0.1
 */
public final class CoordinationCounter extends MonitoredCounterGroup
    implements CoordinationCounterMBean {
  private static final String ACCEPTED = "config.accepted";
  private static final String REJECTED = "config.rejected";
  private static final String ELECTED = "leadership.elected";
  private static final String REVOKED = "leadership.revoked";
  private static final String REGISTRY = "registry.changes";

  private static final CoordinationCounter INSTANCE = startNew();

  private CoordinationCounter() {
    super(Type.OTHER, "baton", ACCEPTED, REJECTED, ELECTED, REVOKED, REGISTRY);
  }

  private static CoordinationCounter startNew() {
    CoordinationCounter c = new CoordinationCounter();
    c.start();
    return c;
  }

  /**
   * This JVM's counters.
   *
   * @return the counters, registered with JMX
   */
  public static CoordinationCounter get() {
    return INSTANCE;
  }

  void configAccepted() {
    increment(ACCEPTED);
  }

  void configRejected() {
    increment(REJECTED);
  }

  void elected() {
    increment(ELECTED);
  }

  void revoked() {
    increment(REVOKED);
  }

  void registryChanged() {
    increment(REGISTRY);
  }

  @Override
  public long getConfigsAccepted() {
    return get(ACCEPTED);
  }

  @Override
  public long getConfigsRejected() {
    return get(REJECTED);
  }

  @Override
  public long getLeadershipsElected() {
    return get(ELECTED);
  }

  @Override
  public long getLeadershipsRevoked() {
    return get(REVOKED);
  }

  @Override
  public long getRegistryChanges() {
    return get(REGISTRY);
  }
}
