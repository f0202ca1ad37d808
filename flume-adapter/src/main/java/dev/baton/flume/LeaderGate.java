package dev.baton.flume;

import dev.baton.CoordinatorPool;
import dev.baton.election.ElectionListener;
import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import dev.baton.election.Reason;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume component's seat in a Baton leader election: the wiring the gated sources and the gated
 * sink processor share. Configured from the component's context ({@value #ELECTION}, optional
 * {@value #PARTICIPANT}); joins at {@link #start}, leaves at {@link #stop}. The election is
 * fail-safe (core's default), so leadership is revoked when the connection is suspended or when the
 * session clock can no longer prove the session alive, whichever comes first: before the session
 * can expire and another agent be elected, under the conditions of the leader-and-locks guide's
 * "The exact conditions" section.
 */
final class LeaderGate {
  static final String ELECTION = "election";
  static final String PARTICIPANT = "participantId";

  private static final Logger LOG = LoggerFactory.getLogger(LeaderGate.class);
  // This JVM's leaderships by election name, for the interceptor's epoch header.
  private static final Map<String, Leadership> HELD = new ConcurrentHashMap<>();

  /** What the gated component does when its leadership begins and ends. */
  interface Holder {
    void elected(Leadership leadership);

    void revoked(Leadership leadership, Reason reason);
  }

  private final String component;
  private final String election;
  private final String participant;
  private final Context context;
  private CoordinatorPool.@Nullable Handle lease;
  private @Nullable LeaderElection joined;
  private volatile @Nullable Leadership leadership;

  LeaderGate(String component, Context context) {
    this.component = component;
    String name = context.getString(ELECTION);
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          component + ": missing required property '" + ELECTION + "' (the election's name)");
    }
    this.election = name.trim();
    this.participant =
        context.getString(
            PARTICIPANT, ManagementFactory.getRuntimeMXBean().getName() + "/" + component);
    this.context = context;
  }

  synchronized void start(Holder holder) {
    if (joined != null) {
      return;
    }
    CoordinatorPool.Handle l = SharedCoordinators.acquire(context, component);
    try {
      joined =
          l.coordinator()
              .leaderElection(election)
              .participantId(participant)
              .listener(
                  new ElectionListener() {
                    @Override
                    public void onElected(Leadership granted) {
                      leadership = granted;
                      HELD.put(election, granted);
                      CoordinationCounter.get().elected();
                      LOG.info(
                          "{} leads election '{}' (epoch {})",
                          component,
                          election,
                          granted.epoch());
                      holder.elected(granted);
                    }

                    @Override
                    public void onRevoked(Leadership ended, Reason reason) {
                      leadership = null;
                      HELD.remove(election, ended);
                      CoordinationCounter.get().revoked();
                      LOG.warn("{} lost election '{}': {}", component, election, reason);
                      holder.revoked(ended, reason);
                    }
                  })
              .start();
    } catch (RuntimeException e) {
      l.close();
      throw e;
    }
    lease = l;
  }

  synchronized void stop() {
    LeaderElection e = joined;
    joined = null;
    leadership = null;
    if (e != null) {
      e.close();
    }
    if (lease != null) {
      lease.close();
      lease = null;
    }
  }

  /** This JVM's valid leadership of {@code election}, if a gated component holds it. */
  static @Nullable Leadership heldBy(String election) {
    Leadership l = HELD.get(election);
    return l != null && l.isValid() ? l : null;
  }

  /** The current leadership if it is still valid. */
  @Nullable Leadership valid() {
    Leadership l = leadership;
    return l != null && l.isValid() ? l : null;
  }

  String election() {
    return election;
  }
}
