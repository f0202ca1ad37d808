package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.config.Versioned;
import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both dynamic config functions do around the user's code: the synchronous first read in
 * {@code open()}, the version timeline, the broadcast state, the version in force for the current
 * record and the metrics. Each function holds one from its constructor (it travels with the
 * function; its runtime part is made in {@link #open}), and delegates to it.
 */
final class ConfigBinding<C> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigBinding.class);

  private final ConfigKey<C> key;
  private final String owner;
  private transient @Nullable ConfigTimeline<C> timeline; // null until open()
  private transient @Nullable SharedCoordinator baton;
  private transient @Nullable Counter lateSwitches;
  private transient @Nullable Versioned<C> inForce;
  private transient String subtask = "";

  /**
   * @param key the config key
   * @param owner the function's class, named when its {@code open()} did not call {@code super}
   */
  ConfigBinding(ConfigKey<C> key, Class<?> owner) {
    this.key = Objects.requireNonNull(key, "configKey");
    this.owner = owner.getName();
  }

  ConfigKey<C> key() {
    return key;
  }

  /** Takes the shared coordinator and reads the key now, so no record runs without config. */
  void open(RuntimeContext context) {
    timeline = new ConfigTimeline<>();
    inForce = null;
    subtask = context.getTaskInfo().getTaskNameWithSubtasks();
    SharedCoordinator ref = SharedCoordinator.acquire(context, key.settings());
    baton = ref;
    Versioned<C> initial =
        ref.awaitConnected()
            .configs()
            .get(key.key(), key.codec())
            .orElseGet(() -> Versioned.ofDefault(key.defaultValue()));
    if (initial.value() == null) {
      throw new IllegalStateException(
          "config key '"
              + key.key()
              + "' has no stored value and no default: write it (or give the ConfigKey a"
              + " default) before starting "
              + subtask);
    }
    seed(ref, initial);
    MetricGroup group = context.getMetricGroup().addGroup("baton");
    group.gauge("configVersion", (Gauge<Integer>) this::newestVersion);
    lateSwitches = group.counter("lateConfigSwitches");
    LOG.info("{}: config '{}' version {} at open", subtask, key.key(), initial.version());
  }

  /**
   * A value that applies from an event time still needs the value before it for earlier records
   * (after a restart, say, the stream may be behind that time): it comes from the key's history.
   */
  private void seed(SharedCoordinator ref, Versioned<C> initial) {
    C value = initial.value();
    OptionalLong from = value == null ? OptionalLong.empty() : key.effectiveFrom(value);
    if (from.isPresent() && initial.isStored()) {
      try {
        for (Versioned<C> v : ref.coordinator().configs().history(key.key(), key.codec())) {
          if (v.version() < initial.version() && v.value() != null) {
            timeline().offer(v, ConfigTimeline.AT_ONCE);
            timeline().offer(initial, from.getAsLong());
            return;
          }
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "{}: history of config '{}' unreadable; version {} applies at once",
            subtask,
            key.key(),
            initial.version(),
            e);
      }
    }
    timeline().offer(initial, ConfigTimeline.AT_ONCE);
  }

  private int newestVersion() {
    ConfigTimeline<C> t = timeline;
    Versioned<C> v = t == null ? null : t.newest();
    return v == null ? Versioned.NO_VERSION : v.version();
  }

  /**
   * A version from the broadcast input; also kept in broadcast state for inspection.
   *
   * @return whether it was newer than every version known
   */
  boolean accept(Versioned<C> v, BroadcastState<String, Versioned<C>> state) throws Exception {
    ConfigTimeline<C> t = timeline();
    C value = v.value();
    if (value == null) {
      LOG.warn(
          "{}: config '{}' was deleted and has no default: keeping the last value",
          subtask,
          key.key());
      return false;
    }
    OptionalLong from = key.effectiveFrom(value);
    ConfigTimeline.Offer offer = t.offer(v, from.orElse(ConfigTimeline.AT_ONCE));
    if (offer == ConfigTimeline.Offer.IGNORED) {
      return false;
    }
    state.put(key.key(), v);
    if (offer == ConfigTimeline.Offer.LATE && lateSwitches != null) {
      lateSwitches.inc();
      LOG.warn(
          "{}: config '{}' version {} applies from event time {}, but records at or after it"
              + " were already processed with an older version: write such changes ahead of the"
              + " stream",
          subtask,
          key.key(),
          v.version(),
          from.getAsLong());
    } else {
      LOG.info(
          "{}: config '{}' version {} received{}",
          subtask,
          key.key(),
          v.version(),
          from.isPresent() ? ", applies from event time " + from.getAsLong() : "");
    }
    return true;
  }

  /**
   * The version in force for the record about to be processed, also kept for {@link #inForce()}.
   *
   * @param timestamp the record's timestamp (null: none)
   * @param watermark the current watermark
   */
  Versioned<C> enter(@Nullable Long timestamp, long watermark) {
    Versioned<C> v = versionFor(timestamp, watermark);
    inForce = v;
    return v;
  }

  /** The version given to the record being processed. */
  Versioned<C> inForce() {
    Versioned<C> v = inForce;
    if (v == null) {
      throw new IllegalStateException("no record of " + key + " is being processed");
    }
    return v;
  }

  /** The version in force for a record with this timestamp (null: no timestamp). */
  Versioned<C> versionFor(@Nullable Long timestamp, long watermark) {
    ConfigTimeline<C> t = timeline();
    t.prune(watermark);
    Versioned<C> v = t.versionFor(timestamp);
    if (v == null) {
      throw new IllegalStateException(
          "config '" + key.key() + "' used before open() read it in " + subtask);
    }
    return v;
  }

  void close() {
    if (baton != null) {
      baton.close();
      baton = null;
    }
  }

  /** The shared coordinator, for the function's own Baton calls. */
  Coordinator coordinator() {
    timeline();
    SharedCoordinator ref = baton;
    if (ref == null) {
      throw new IllegalStateException("closed");
    }
    return ref.coordinator();
  }

  private ConfigTimeline<C> timeline() {
    ConfigTimeline<C> t = timeline;
    if (t == null) {
      throw new IllegalStateException(
          owner + ".open() did not call super.open(): " + key + " unread");
    }
    return t;
  }
}
