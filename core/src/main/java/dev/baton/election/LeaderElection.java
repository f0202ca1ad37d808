package dev.baton.election;

import dev.baton.Coordinator;
import dev.baton.Listenable;
import dev.baton.internal.Names;
import dev.baton.internal.Parts;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A leader election: participants of the same name elect one leader at a time. Made by {@code
 * coord.leaderElection(name)}.
 *
 * <pre>{@code
 * LeaderElection election = coord.leaderElection("compactor")
 *     .participantId("worker-1")
 *     .onElected(leadership -> startCompacting(leadership.epoch()))
 *     .onRevoked((leadership, reason) -> stopCompacting())
 *     .start();
 * ...
 * election.close(); // leaves the election; a follower takes over
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.LeaderElectionExample} in
 * the test sources.
 *
 * <p>Each participant owns one ephemeral-sequential node; the first node leads, and each follower
 * watches only the node just before its own, so a change of leader wakes one participant. Epochs
 * (the czxid of the leader's node) strictly increase from one leader to the next. The {@linkplain
 * SuspendPolicy suspend policy} decides whether a suspended connection revokes leadership at once
 * (the default) or only a lost session does. {@link #relinquish()} hands leadership to the next
 * participant in a few round trips.
 *
 * <p>Listeners ({@link ElectionListener}) hear this participant's leaderships begin and end and,
 * for participants and {@linkplain Builder#observe() observers} alike, every change of leader
 * ({@link LeaderChange}: who leads, with which epoch, or nobody). Register them on the builder to
 * hear everything from the start; {@link #addListener} registers one later, which hears only what
 * happens after it. Without an executor, listeners run on the election's events thread ({@code
 * baton-election-<name>-events}), one notification at a time; {@link #removeListener} also removes
 * a listener registered on the builder.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface LeaderElection extends Listenable<ElectionListener>, AutoCloseable {
  /**
   * Starts building an election; applications call {@code coord.leaderElection(name)}.
   *
   * @param coord the coordinator
   * @param name the election's name: letters, digits, {@code . _ -}
   * @return a builder
   * @throws IllegalArgumentException if the name is invalid
   */
  static Builder builder(Coordinator coord, String name) {
    return new Builder(
        Objects.requireNonNull(coord, "coord"), Names.segment("election name", name));
  }

  /**
   * Whether this participant leads now (and its leadership {@linkplain Leadership#isValid() is
   * valid}).
   *
   * @return {@code true} while leading
   */
  boolean isLeader();

  /**
   * This participant's current leadership.
   *
   * @return the leadership, or empty when not leading
   */
  Optional<Leadership> currentLeadership();

  /**
   * Who leads the election now, read from ZooKeeper (two round trips). Works for a participant and
   * for an {@linkplain Builder#observe() observer}.
   *
   * @return the leader, or empty if nobody takes part
   * @throws dev.baton.CoordinationException if ZooKeeper cannot be reached
   */
  Optional<Participant> currentLeader();

  /**
   * Every participant, leader first, read from ZooKeeper.
   *
   * @return the participants in election order
   * @throws dev.baton.CoordinationException if ZooKeeper cannot be reached
   */
  List<Participant> participants();

  /**
   * Waits until this participant has joined: its node exists in ZooKeeper, so other processes see
   * it among the {@linkplain #participants() participants}. For an {@linkplain Builder#observe()
   * observer}, waits until it has read the election once (its first {@link
   * ElectionListener#onLeaderChanged} is queued by then). {@link Builder#start()} returns before
   * either happens.
   *
   * @param timeout how long to wait at most
   * @return {@code true} once joined; {@code false} if the time ran out or the election was closed
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws NullPointerException if {@code timeout} is null
   */
  boolean awaitJoined(Duration timeout) throws InterruptedException;

  /**
   * Waits until this participant leads.
   *
   * @param timeout how long to wait at most
   * @return the leadership, or empty if the time ran out or the election was closed
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws IllegalStateException if this is an observer
   */
  Optional<Leadership> awaitLeadership(Duration timeout) throws InterruptedException;

  /**
   * Gives up leadership: revokes it here ({@link Reason#RELINQUISHED}), then, once this
   * participant's listeners were handed {@code onRevoked}, deletes its node so the next participant
   * is elected, and returns when the node is deleted; the participant then joins again at the back
   * of the queue, in the background. Does nothing when not leading.
   *
   * <p>Called from a listener on the election's events thread, it returns at once and the node is
   * deleted right after that listener returns. Otherwise it waits for the delete, at most 10
   * seconds (a listener that takes longer over {@code onRevoked} delays the hand-over, and the
   * method then returns while the delete is still to come). It makes a ZooKeeper call, so do not
   * call it on a ZooKeeper or Curator event thread.
   *
   * @return whether this participant was leading
   * @throws IllegalStateException if this is an observer or the election is closed
   */
  boolean relinquish();

  /**
   * This participant's id.
   *
   * @return the id (an observer's is {@code "observer"})
   */
  String participantId();

  /**
   * Leaves the election: revokes a current leadership ({@link Reason#CLOSED}), deletes the node,
   * removes watches and listeners, and stops the election's threads. Returns without waiting for
   * ZooKeeper or for listeners: {@code onRevoked} is delivered right after (the node is deleted
   * once it was, so a follower takes over only then), and the node's delete is retried in the
   * background until it succeeds or the session ends. Idempotent.
   */
  @Override
  void close();

  /**
   * Settings of a participant. Every setter checks its argument; {@link #start()} joins.
   *
   * @since 0.1
   */
  final class Builder {
    private final Coordinator coord;
    private final String name;
    private String participantId = ManagementFactory.getRuntimeMXBean().getName();
    private byte[] data = new byte[0];
    private SuspendPolicy suspendPolicy = SuspendPolicy.FAIL_SAFE;
    private final List<ElectionImpl.Registration> listeners = new ArrayList<>();

    Builder(Coordinator coord, String name) {
      this.coord = coord;
      this.name = name;
    }

    /**
     * The participant's id, shown to others by {@link LeaderElection#currentLeader()}. Default: the
     * JVM's {@code pid@host}.
     *
     * @param id a non-blank id of at most 1024 characters
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder participantId(String id) {
      if (id == null || id.isBlank() || id.length() > 1024) {
        throw new IllegalArgumentException(
            "participant id of election '" + name + "' must be 1 to 1024 non-blank characters");
      }
      this.participantId = id;
      return this;
    }

    /**
     * Data published with the participant, e.g. its address. Default: empty.
     *
     * @param data the data (copied), at most 512 KiB
     * @return this builder
     * @throws IllegalArgumentException if larger than 512 KiB
     */
    public Builder data(byte[] data) {
      Objects.requireNonNull(data, "data");
      if (data.length > 512 * 1024) {
        throw new IllegalArgumentException(
            "participant data of election '" + name + "' exceeds 512 KiB: " + data.length);
      }
      this.data = data.clone();
      return this;
    }

    /**
     * What a leader does when the connection is suspended. Default {@link SuspendPolicy#FAIL_SAFE}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder suspendPolicy(SuspendPolicy policy) {
      this.suspendPolicy = Objects.requireNonNull(policy, "suspendPolicy");
      return this;
    }

    /**
     * Adds a listener, registered before the election starts so that it misses nothing, called on
     * the election's events thread ({@code baton-election-<name>-events}), one notification at a
     * time.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ElectionListener listener) {
      return listener(listener, Runnable::run);
    }

    /**
     * Adds a listener, registered before the election starts, called on {@code executor}, one
     * notification at a time, in order.
     *
     * @param listener the listener
     * @param executor where it runs
     * @return this builder
     */
    public Builder listener(ElectionListener listener, Executor executor) {
      listeners.add(
          new ElectionImpl.Registration(
              Objects.requireNonNull(listener, "listener"),
              Objects.requireNonNull(executor, "executor")));
      return this;
    }

    /**
     * Adds a listener for elections only.
     *
     * @param onElected called with each new leadership
     * @return this builder
     */
    public Builder onElected(Consumer<Leadership> onElected) {
      Objects.requireNonNull(onElected, "onElected");
      return listener(
          new ElectionListener() {
            @Override
            public void onElected(Leadership leadership) {
              onElected.accept(leadership);
            }
          });
    }

    /**
     * Adds a listener for revocations only.
     *
     * @param onRevoked called with each ended leadership and the reason
     * @return this builder
     */
    public Builder onRevoked(BiConsumer<Leadership, Reason> onRevoked) {
      Objects.requireNonNull(onRevoked, "onRevoked");
      return listener(
          new ElectionListener() {
            @Override
            public void onRevoked(Leadership leadership, Reason reason) {
              onRevoked.accept(leadership, reason);
            }
          });
    }

    /**
     * Adds a listener for leader changes only; works for participants and observers.
     *
     * @param onLeaderChanged called with each new leader (or "no leader") and its epoch
     * @return this builder
     */
    public Builder onLeaderChanged(Consumer<LeaderChange> onLeaderChanged) {
      Objects.requireNonNull(onLeaderChanged, "onLeaderChanged");
      return listener(
          new ElectionListener() {
            @Override
            public void onLeaderChanged(LeaderChange change) {
              onLeaderChanged.accept(change);
            }
          });
    }

    /**
     * Joins the election as a participant. Joining is asynchronous: this returns at once, and the
     * participant's node is created on the election's own thread (retried until the coordinator
     * connects). Call {@link LeaderElection#awaitJoined(Duration)} to wait until others can see it,
     * or {@link LeaderElection#awaitLeadership(Duration)} to wait until it leads.
     *
     * @return the started election
     * @throws IllegalStateException if the coordinator is closed
     */
    public LeaderElection start() {
      Parts.of(coord).checkOpen();
      ElectionImpl e =
          new ElectionImpl(
              coord, name, participantId, data, suspendPolicy, List.copyOf(listeners), false);
      e.start();
      return e;
    }

    /**
     * Watches the election without taking part: {@link LeaderElection#currentLeader()} and {@link
     * LeaderElection#participants()} work, listeners hear {@link ElectionListener#onLeaderChanged}
     * (and never {@code onElected}), this process never leads. Returns at once; {@link
     * LeaderElection#awaitJoined(Duration)} waits for the first read.
     *
     * @return the observer
     * @throws IllegalStateException if the coordinator is closed
     */
    public LeaderElection observe() {
      Parts.of(coord).checkOpen();
      ElectionImpl e =
          new ElectionImpl(
              coord, name, "observer", data, suspendPolicy, List.copyOf(listeners), true);
      e.start();
      return e;
    }
  }
}
