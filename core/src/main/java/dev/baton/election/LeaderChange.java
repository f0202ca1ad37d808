package dev.baton.election;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who leads an election now, as heard by {@link ElectionListener#onLeaderChanged}: a participant
 * and its epoch, or nobody.
 *
 * <pre>{@code
 * LeaderElection observer = coord.leaderElection("compactor")
 *     .onLeaderChanged(change -> dashboard.show(
 *         change.leader().map(Participant::id).orElse("(none)"), change.epoch()))
 *     .observe();
 * observer.awaitJoined(Duration.ofSeconds(30)); // read once: the first change is on its way
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.LeaderElectionExample} in
 * the test sources.
 *
 * @param leader the leading participant, or empty when nobody takes part
 * @param epoch the leader's epoch (the czxid of its node, the same as its {@link
 *     Participant#token()} and, in its own process, {@link Leadership#epoch()}), or empty when
 *     there is no leader
 * @since 0.1
 */
public record LeaderChange(Optional<Participant> leader, OptionalLong epoch) {
  /**
   * Checks that the leader and the epoch agree.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if only one of them is present, or the epoch is not the
   *     leader's token
   */
  public LeaderChange {
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(epoch, "epoch");
    if (leader.isPresent() != epoch.isPresent()
        || (leader.isPresent() && leader.get().token() != epoch.getAsLong())) {
      throw new IllegalArgumentException(
          "leader " + leader + " and epoch " + epoch + " of a leader change disagree");
    }
  }

  /**
   * A change to {@code leader}.
   *
   * @param leader the new leader
   * @return the change, with the leader's token as its epoch
   */
  public static LeaderChange to(Participant leader) {
    return new LeaderChange(Optional.of(leader), OptionalLong.of(leader.token()));
  }

  /** {@return a change to "no leader": nobody takes part in the election} */
  public static LeaderChange none() {
    return new LeaderChange(Optional.empty(), OptionalLong.empty());
  }
}
