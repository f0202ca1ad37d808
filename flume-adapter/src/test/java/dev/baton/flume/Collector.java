package dev.baton.flume;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flume.Event;

/** What a {@link CollectingSink} received, by name, so a test can read what an agent delivered. */
final class Collector {
  private static final Map<String, Collector> BY_NAME = new ConcurrentHashMap<>();

  private final List<Event> events = new ArrayList<>();
  private volatile boolean held;

  static Collector named(String name) {
    return BY_NAME.computeIfAbsent(name, n -> new Collector());
  }

  /** While held, the sink takes nothing, so events stay in the channel. */
  Collector hold(boolean hold) {
    this.held = hold;
    return this;
  }

  boolean held() {
    return held;
  }

  synchronized void addAll(List<Event> batch) {
    events.addAll(batch);
  }

  synchronized int size() {
    return events.size();
  }

  synchronized List<Event> events() {
    return new ArrayList<>(events);
  }

  /**
   * The bodies, as text, of the events whose header {@code key} is {@code value} (null: absent).
   */
  synchronized List<String> bodies(String key, String value) {
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      if (java.util.Objects.equals(e.getHeaders().get(key), value)) {
        out.add(new String(e.getBody(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
