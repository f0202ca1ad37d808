package dev.baton.flink;

import java.util.ArrayList;
import java.util.List;

/**
 * A store that checks fencing tokens the way a real target should: it remembers the highest token
 * it accepted and refuses any write with a lower one.
 */
final class FencedStore {
  record Write(String value, long token, String writer) {}

  private final List<Write> accepted = new ArrayList<>();
  private final List<Write> refused = new ArrayList<>();
  private long highest = Long.MIN_VALUE;

  /** {@return whether the write was accepted} */
  synchronized boolean write(String value, long token, String writer) {
    Write w = new Write(value, token, writer);
    if (token < highest) {
      refused.add(w);
      return false;
    }
    highest = token;
    accepted.add(w);
    return true;
  }

  synchronized List<Write> accepted() {
    return new ArrayList<>(accepted);
  }

  synchronized List<Write> refused() {
    return new ArrayList<>(refused);
  }
}
