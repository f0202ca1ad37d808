package dev.baton.election;

import java.util.Arrays;
import java.util.Objects;

/**
 * A participant of an election, as read from ZooKeeper.
 *
 * @param id the participant's id
 * @param data the data it joined with (a copy)
 * @param token the czxid of its node: its epoch if and when it leads
 * @param leader whether it leads (its node is first)
 * @since 0.1
 */
public record Participant(String id, byte[] data, long token, boolean leader) {
  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if {@code id} or {@code data} is null
   */
  public Participant {
    Objects.requireNonNull(id, "id");
    data = Objects.requireNonNull(data, "data").clone();
  }

  /** {@return a copy of the participant's data} */
  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Participant p
        && id.equals(p.id)
        && Arrays.equals(data, p.data)
        && token == p.token
        && leader == p.leader;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(data), token, leader);
  }

  @Override
  public String toString() {
    return "Participant{" + id + ", token=" + token + (leader ? ", leader" : "") + "}";
  }
}
