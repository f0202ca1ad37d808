package dev.baton.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-selector error counts and exclusions, by instance id. Reads are lock-free while no instance
 * has errors, which is the common case; the clock is read only when an instance has a record.
 */
final class InstanceHealth {
  // Pruned beyond this many records, so ids of long-gone instances do not pile up.
  private static final int PRUNE_ABOVE = 4096;

  private final int threshold;
  private final long exclusionNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

  private static final class Counter {
    int errors;
    boolean excluded;
    long excludedUntil;
  }

  InstanceHealth(DownInstancePolicy policy) {
    this.threshold = policy.errorThreshold();
    this.exclusionNanos = policy.exclusion().toNanos();
    this.clock = policy.nanoClock();
  }

  /** Whether any instance has an error record; when not, nothing can be excluded. */
  boolean hasRecords() {
    return !counters.isEmpty();
  }

  boolean isExcluded(String id) {
    Counter c = counters.get(id);
    if (c == null) {
      return false;
    }
    synchronized (c) {
      if (!c.excluded) {
        return false;
      }
      if (clock.getAsLong() - c.excludedUntil >= 0) {
        c.excluded = false;
        c.errors = 0;
        return false;
      }
      return true;
    }
  }

  void error(String id) {
    if (counters.size() > PRUNE_ABOVE) {
      counters.entrySet().removeIf(e -> !isExcluded(e.getKey()));
    }
    Counter c = counters.computeIfAbsent(id, k -> new Counter());
    synchronized (c) {
      long now = clock.getAsLong();
      if (c.excluded && now - c.excludedUntil < 0) {
        return;
      }
      c.excluded = false;
      if (++c.errors >= threshold) {
        c.errors = 0;
        c.excluded = true;
        c.excludedUntil = now + exclusionNanos;
      }
    }
  }

  void success(String id) {
    counters.remove(id);
  }
}
