package dev.baton.election;

import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.Listeners;
import dev.baton.internal.Parts;
import dev.baton.internal.SessionClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * An election: its lifecycle and API. The participant's place in the queue is {@link Candidacy}'s,
 * the leadership granted and revoked on it {@link LeaderGrant}'s; what others see of the queue is
 * {@link LeaderWatch}'s; {@link ElectionEvents} tells the listeners.
 */
final class ElectionImpl implements LeaderElection {
  record Registration(ElectionListener listener, Executor executor) {}

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final Coordinator coord;
  private final CuratorFramework client;
  private final String name;
  private final String dir;
  private final String participantId;
  private final boolean observer;
  private final ElectionEvents events;
  private final LeaderWatch leaderWatch;
  private final Candidacy candidacy;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private @Nullable ListenerHandle connection;

  ElectionImpl(
      Coordinator coord,
      String name,
      String participantId,
      byte[] data,
      SuspendPolicy policy,
      List<Registration> registrations,
      boolean observer) {
    this.coord = coord;
    this.client = coord.curator();
    this.name = name;
    this.dir = "/elections/" + name;
    this.participantId = participantId;
    this.observer = observer;
    Listeners<ElectionListener> listeners = new Listeners<>("election '" + name + "'");
    registrations.forEach(r -> listeners.add(r.listener(), r.executor()));
    this.events = new ElectionEvents(name, listeners);
    this.leaderWatch = new LeaderWatch(coord, name, dir, events);
    this.candidacy =
        new Candidacy(
            client,
            name,
            dir,
            participantId,
            ParticipantNodes.encode(participantId, data),
            policy,
            events,
            () -> state.get() == State.STARTED,
            observer);
  }

  void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("election '" + name + "' already started");
    }
    Parts.of(coord).manage(this);
    leaderWatch.start(coord);
    if (!observer) {
      candidacy.useClock(SessionClock.of(coord));
      connection = coord.addConnectionListener(candidacy::onConnection);
      candidacy.queue();
    }
  }

  // ---- the API ----

  @Override
  public boolean isLeader() {
    LeadershipImpl l = candidacy.grant().current();
    return l != null && l.isValid();
  }

  @Override
  public Optional<Leadership> currentLeadership() {
    LeadershipImpl l = candidacy.grant().current();
    return l != null && l.isValid() ? Optional.of(l) : Optional.empty();
  }

  @Override
  public Optional<Participant> currentLeader() {
    List<Participant> first = ParticipantNodes.read(client, dir, 1);
    return first.isEmpty() ? Optional.empty() : Optional.of(first.get(0));
  }

  @Override
  public List<Participant> participants() {
    return ParticipantNodes.read(client, dir, Integer.MAX_VALUE);
  }

  @Override
  public boolean awaitJoined(Duration timeout) throws InterruptedException {
    long nanos = dev.baton.internal.Names.timeoutNanos("timeout", timeout);
    CountDownLatch done = observer ? leaderWatch.firstRead() : candidacy.joined();
    return done.await(nanos, TimeUnit.NANOSECONDS) && state.get() == State.STARTED;
  }

  @Override
  public ListenerHandle addListener(ElectionListener listener) {
    return events.listeners().add(listener);
  }

  @Override
  public ListenerHandle addListener(ElectionListener listener, Executor executor) {
    return events.listeners().add(listener, executor);
  }

  @Override
  public void removeListener(ElectionListener listener) {
    events.listeners().remove(listener);
  }

  @Override
  public Optional<Leadership> awaitLeadership(Duration timeout) throws InterruptedException {
    requireParticipant();
    long deadline = System.nanoTime() + dev.baton.internal.Names.timeoutNanos("timeout", timeout);
    return candidacy.grant().await(deadline, () -> state.get() == State.CLOSED);
  }

  @Override
  public boolean relinquish() {
    requireParticipant();
    if (state.get() != State.STARTED) {
      throw new IllegalStateException("election '" + name + "' is closed");
    }
    return candidacy.relinquish();
  }

  @Override
  public String participantId() {
    return participantId;
  }

  @Override
  public void close() {
    State before = state.getAndSet(State.CLOSED);
    if (before == State.CLOSED) {
      return;
    }
    if (connection != null) {
      connection.close();
    }
    candidacy.grant().revoke(null, Reason.CLOSED);
    BackgroundWork work = BackgroundWork.of(client);
    leaderWatch.close(work);
    candidacy.stop(work);
    events.shutdown(work);
    candidacy.grant().wakeWaiters();
    Parts.of(coord).unmanage(this);
  }

  private void requireParticipant() {
    if (observer) {
      throw new IllegalStateException("an observer of election '" + name + "' cannot lead");
    }
  }

  @Override
  public String toString() {
    return "LeaderElection{" + name + ", " + participantId + (isLeader() ? ", leader" : "") + "}";
  }
}
