package dev.baton.flink;

import dev.baton.config.Versioned;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The config versions a subtask knows, in arrival order, each with the event time it applies from
 * ({@link Long#MIN_VALUE}: at once). A record with timestamp {@code t} uses the last version that
 * applies at {@code t}; every subtask that knows the same versions therefore picks the same one for
 * the same record, whatever order records and config arrived in.
 *
 * <p>Not thread-safe: used on the task thread only.
 */
final class ConfigTimeline<C> {
  static final long AT_ONCE = Long.MIN_VALUE;
  private static final int MAX_PENDING = 64;

  private record Entry<C>(Versioned<C> versioned, long from) {}

  private final List<Entry<C>> entries = new ArrayList<>();
  private long latestTimestamp = Long.MIN_VALUE;

  /** Outcome of {@link #offer}. */
  enum Offer {
    IGNORED,
    ACCEPTED,
    /** Accepted, but this subtask already processed records at or after its effective time. */
    LATE
  }

  /**
   * Adds a version if it is newer than the newest known: a later zxid, or a delete (a default)
   * after a stored value.
   */
  Offer offer(Versioned<C> v, long from) {
    Versioned<C> newest = newest();
    if (newest != null && !isNewer(v, newest)) {
      return Offer.IGNORED;
    }
    if (from == AT_ONCE) {
      // Applies to everything from now on, so no earlier version can be chosen again.
      entries.clear();
    }
    entries.add(new Entry<>(v, from));
    if (entries.size() > MAX_PENDING) {
      entries.remove(0);
    }
    return from != AT_ONCE && latestTimestamp >= from ? Offer.LATE : Offer.ACCEPTED;
  }

  private static boolean isNewer(Versioned<?> v, Versioned<?> than) {
    if (!v.isStored()) {
      return than.isStored();
    }
    return !than.isStored() || v.mzxid() > than.mzxid();
  }

  /**
   * The version for a record.
   *
   * @param timestamp the record's event time, or {@code null} for records without one (they use the
   *     newest version that applies at the latest timestamp seen)
   */
  @Nullable Versioned<C> versionFor(@Nullable Long timestamp) {
    long t;
    if (timestamp != null) {
      t = timestamp;
      latestTimestamp = Math.max(latestTimestamp, t);
    } else {
      t = latestTimestamp;
    }
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry<C> e = entries.get(i);
      if (e.from() == AT_ONCE || e.from() <= t) {
        return e.versioned();
      }
    }
    // Every version known takes effect later than t: the oldest known is the best answer.
    return entries.isEmpty() ? null : entries.get(0).versioned();
  }

  /** Forgets versions that no record at or after {@code watermark} can use any more. */
  void prune(long watermark) {
    int keepFrom = 0;
    for (int i = entries.size() - 1; i > 0; i--) {
      long from = entries.get(i).from();
      if (from == AT_ONCE || from <= watermark) {
        keepFrom = i;
        break;
      }
    }
    if (keepFrom > 0) {
      entries.subList(0, keepFrom).clear();
    }
  }

  /** {@return the newest version known, applying now or later; null before the first} */
  @Nullable Versioned<C> newest() {
    return entries.isEmpty() ? null : entries.get(entries.size() - 1).versioned();
  }
}
