package dev.baton.flume;

/**
 * What Baton's components of an agent count, as Flume shows it: in JMX under {@code
 * org.apache.flume.other:type=baton}, and in the JSON of Flume's HTTP monitoring ({@code
 * -Dflume.monitoring.type=http}, {@code /metrics}) as {@code OTHER.baton}.
 *
 * @since 0.1
 */
public interface CoordinationCounterMBean {
  /** {@return how many configs the provider applied} */
  long getConfigsAccepted();

  /** {@return how many config versions the provider refused} */
  long getConfigsRejected();

  /** {@return how many leaderships gated components of this agent were granted} */
  long getLeadershipsElected();

  /** {@return how many leaderships of gated components ended} */
  long getLeadershipsRevoked();

  /** {@return how many membership changes registry-driven sinks saw} */
  long getRegistryChanges();

  /** {@return when the counter started, in epoch milliseconds} */
  long getStartTime();

  /** {@return when the counter stopped, or 0} */
  long getStopTime();

  /** {@return the counter group's type, {@code OTHER}} */
  String getType();
}
