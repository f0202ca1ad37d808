package dev.baton.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One immutable state of a view: every instance with the zxids of its node, plus what lookups need
 * precomputed (the {@code UP} instances as an array and their positions by id). A view swaps
 * snapshots atomically; readers never see a half-applied change.
 */
final class ViewSnapshot {
  /** One node: its decoded instance, when it was created and when last written. */
  record Entry(ServiceInstance instance, long czxid, long mzxid) {}

  /** What changed from one snapshot to the next, each list sorted by id. */
  record Diff(
      List<ServiceInstance> added, List<ServiceInstance> removed, List<ServiceInstance> updated) {
    boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty() && updated.isEmpty();
    }
  }

  static final ViewSnapshot EMPTY = new ViewSnapshot(new TreeMap<>());

  private final SortedMap<String, Entry> entries;
  private final List<ServiceInstance> all;
  private final List<ServiceInstance> up;
  private final ServiceInstance[] upArray;
  private final Map<String, Integer> upIndex;

  private ViewSnapshot(TreeMap<String, Entry> entries) {
    this.entries = Collections.unmodifiableSortedMap(entries);
    List<ServiceInstance> allList = new ArrayList<>(entries.size());
    List<ServiceInstance> upList = new ArrayList<>(entries.size());
    Map<String, Integer> index = new HashMap<>();
    for (Entry e : entries.values()) {
      allList.add(e.instance());
      if (e.instance().status() == InstanceStatus.UP) {
        index.put(e.instance().id(), upList.size());
        upList.add(e.instance());
      }
    }
    this.all = List.copyOf(allList);
    this.up = List.copyOf(upList);
    this.upArray = upList.toArray(new ServiceInstance[0]);
    this.upIndex = index;
  }

  static ViewSnapshot of(Map<String, Entry> entries) {
    return entries.isEmpty() ? EMPTY : new ViewSnapshot(new TreeMap<>(entries));
  }

  ViewSnapshot with(Entry entry) {
    TreeMap<String, Entry> copy = new TreeMap<>(entries);
    copy.put(entry.instance().id(), entry);
    return new ViewSnapshot(copy);
  }

  ViewSnapshot without(String id) {
    if (!entries.containsKey(id)) {
      return this;
    }
    TreeMap<String, Entry> copy = new TreeMap<>(entries);
    copy.remove(id);
    return copy.isEmpty() ? EMPTY : new ViewSnapshot(copy);
  }

  @Nullable Entry entry(String id) {
    return entries.get(id);
  }

  List<ServiceInstance> all() {
    return all;
  }

  List<ServiceInstance> up() {
    return up;
  }

  /** The {@code UP} instances sorted by id; shared, never to be modified. */
  ServiceInstance[] upArray() {
    return upArray;
  }

  /** Position of an {@code UP} instance in {@link #upArray()}, or -1. */
  int upIndexOf(String id) {
    Integer i = upIndex.get(id);
    return i == null ? -1 : i;
  }

  /**
   * The difference from this snapshot to {@code next}: an instance is updated when its payload
   * changed or its node was re-created (a different czxid), even with an equal payload.
   */
  Diff diff(ViewSnapshot next) {
    List<ServiceInstance> added = new ArrayList<>();
    List<ServiceInstance> removed = new ArrayList<>();
    List<ServiceInstance> updated = new ArrayList<>();
    for (Map.Entry<String, Entry> e : next.entries.entrySet()) {
      Entry before = entries.get(e.getKey());
      Entry after = e.getValue();
      if (before == null) {
        added.add(after.instance());
      } else if (before.czxid() != after.czxid() || !before.instance().equals(after.instance())) {
        updated.add(after.instance());
      }
    }
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (!next.entries.containsKey(e.getKey())) {
        removed.add(e.getValue().instance());
      }
    }
    return new Diff(List.copyOf(added), List.copyOf(removed), List.copyOf(updated));
  }
}
