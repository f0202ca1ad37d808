package dev.baton.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The selection strategies, each a small class over a source of snapshots. */
final class Selectors {
  private Selectors() {}

  static InstanceSelector create(
      Supplier<ViewSnapshot> snapshots, SelectionStrategy strategy, DownInstancePolicy policy) {
    Objects.requireNonNull(strategy, "strategy");
    InstanceHealth health = new InstanceHealth(Objects.requireNonNull(policy, "policy"));
    return create(snapshots, strategy, health);
  }

  private static Base create(
      Supplier<ViewSnapshot> snapshots, SelectionStrategy strategy, InstanceHealth health) {
    return switch (strategy.kind()) {
      case ROUND_ROBIN -> new RoundRobin(snapshots, strategy, health);
      case RANDOM -> new RandomChoice(snapshots, strategy, health);
      case STICKY ->
          new Sticky(
              snapshots,
              strategy,
              health,
              create(snapshots, Objects.requireNonNull(strategy.fallback()), health));
      case CONSISTENT_HASH -> new ConsistentHash(snapshots, strategy, health);
    };
  }

  /** What every strategy shares: the snapshot source, the health records, the public door. */
  private abstract static class Base implements InstanceSelector {
    final Supplier<ViewSnapshot> snapshots;
    final SelectionStrategy strategy;
    final InstanceHealth health;

    Base(Supplier<ViewSnapshot> snapshots, SelectionStrategy strategy, InstanceHealth health) {
      this.snapshots = snapshots;
      this.strategy = strategy;
      this.health = health;
    }

    /** Chooses from {@code snap}'s UP instances, or returns null if there are none. */
    abstract @Nullable ServiceInstance choose(ViewSnapshot snap, @Nullable String key);

    @Override
    public Optional<ServiceInstance> select() {
      return Optional.ofNullable(choose(snapshots.get(), null));
    }

    @Override
    public Optional<ServiceInstance> select(String key) {
      Objects.requireNonNull(key, "key");
      return Optional.ofNullable(choose(snapshots.get(), key));
    }

    @Override
    public void reportError(ServiceInstance instance) {
      health.error(instance.id());
    }

    @Override
    public void reportSuccess(ServiceInstance instance) {
      health.success(instance.id());
    }

    @Override
    public boolean isExcluded(ServiceInstance instance) {
      return health.isExcluded(instance.id());
    }

    @Override
    public SelectionStrategy strategy() {
      return strategy;
    }

    /** The first non-excluded instance from {@code start} on, wrapping; {@code start}'s if none. */
    final ServiceInstance firstAvailable(ServiceInstance[] candidates, int start) {
      if (!health.hasRecords()) {
        return candidates[start];
      }
      int n = candidates.length;
      for (int i = 0; i < n; i++) {
        ServiceInstance c = candidates[(start + i) % n];
        if (!health.isExcluded(c.id())) {
          return c;
        }
      }
      return candidates[start];
    }

    @Override
    public String toString() {
      return "InstanceSelector{" + strategy + "}";
    }
  }

  private static final class RoundRobin extends Base {
    private final AtomicInteger next = new AtomicInteger();

    RoundRobin(Supplier<ViewSnapshot> s, SelectionStrategy strategy, InstanceHealth h) {
      super(s, strategy, h);
    }

    @Override
    @Nullable ServiceInstance choose(ViewSnapshot snap, @Nullable String key) {
      ServiceInstance[] up = snap.upArray();
      if (up.length == 0) {
        return null;
      }
      return firstAvailable(up, Math.floorMod(next.getAndIncrement(), up.length));
    }
  }

  private static final class RandomChoice extends Base {
    RandomChoice(Supplier<ViewSnapshot> s, SelectionStrategy strategy, InstanceHealth h) {
      super(s, strategy, h);
    }

    @Override
    @Nullable ServiceInstance choose(ViewSnapshot snap, @Nullable String key) {
      ServiceInstance[] up = snap.upArray();
      if (up.length == 0) {
        return null;
      }
      return firstAvailable(up, ThreadLocalRandom.current().nextInt(up.length));
    }
  }

  private static final class Sticky extends Base {
    private final Base fallback;
    private final AtomicReference<@Nullable String> stuck = new AtomicReference<>();

    Sticky(Supplier<ViewSnapshot> s, SelectionStrategy strategy, InstanceHealth h, Base fallback) {
      super(s, strategy, h);
      this.fallback = fallback;
    }

    @Override
    @Nullable ServiceInstance choose(ViewSnapshot snap, @Nullable String key) {
      String id = stuck.get();
      if (id != null) {
        int i = snap.upIndexOf(id);
        if (i >= 0 && !health.isExcluded(id)) {
          // From the snapshot, not a cached copy: the caller sees its latest metadata.
          return snap.upArray()[i];
        }
      }
      ServiceInstance next = fallback.choose(snap, key);
      if (next != null) {
        stuck.compareAndSet(id, next.id());
      }
      return next;
    }
  }

  private static final class ConsistentHash extends Base {
    private volatile @Nullable HashRing ring;

    ConsistentHash(Supplier<ViewSnapshot> s, SelectionStrategy strategy, InstanceHealth h) {
      super(s, strategy, h);
    }

    @Override
    public Optional<ServiceInstance> select() {
      throw new IllegalStateException(
          "a consistent-hash selector needs a key: call select(key), not select()");
    }

    @Override
    @Nullable ServiceInstance choose(ViewSnapshot snap, @Nullable String key) {
      if (key == null) {
        throw new IllegalStateException("a consistent-hash selector needs a key");
      }
      HashRing r = ring;
      if (r == null || r.snapshot != snap) {
        // Racing threads may both build; either ring is right for this snapshot.
        r = new HashRing(snap, strategy.virtualNodes());
        ring = r;
      }
      if (r.size() == 0) {
        return null;
      }
      int start = r.positionOf(key);
      ServiceInstance owner = r.ownerAt(start);
      if (!health.hasRecords() || !health.isExcluded(owner.id())) {
        return owner;
      }
      // Walk clockwise past excluded owners, as if they had left the ring.
      for (int i = 1; i < r.size(); i++) {
        ServiceInstance c = r.ownerAt((start + i) % r.size());
        if (!health.isExcluded(c.id())) {
          return c;
        }
      }
      return owner;
    }
  }
}
