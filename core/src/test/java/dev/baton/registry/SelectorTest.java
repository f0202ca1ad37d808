package dev.baton.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Selection over hand-made snapshots: the strategies are pure functions of the snapshot. */
class SelectorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<ViewSnapshot> view = new AtomicReference<>(ViewSnapshot.EMPTY);
  private long zxid = 1;

  private ServiceInstance instance(String id, InstanceStatus status) {
    return new ServiceInstance("svc", id, "host-" + id, 8080, null, status, Map.of(), T0);
  }

  private void add(String id) {
    add(instance(id, InstanceStatus.UP));
  }

  private void add(ServiceInstance i) {
    long z = zxid++;
    view.set(view.get().with(new ViewSnapshot.Entry(i, z, z)));
  }

  private InstanceSelector selector(SelectionStrategy strategy) {
    return Selectors.create(view::get, strategy, DownInstancePolicy.ofDefaults());
  }

  @Test
  void roundRobinIsEvenOverThreeInstances() {
    add("a");
    add("b");
    add("c");
    add(instance("d", InstanceStatus.DRAINING));
    InstanceSelector rr = selector(SelectionStrategy.roundRobin());
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 3_000; i++) {
      counts.merge(rr.select().orElseThrow().id(), 1, Integer::sum);
    }
    assertEquals(Map.of("a", 1_000, "b", 1_000, "c", 1_000), counts, "DRAINING never chosen");
  }

  @Test
  void consistentHashMovesAtMostOneFifthOfKeysWhenOneInstanceJoinsTen() {
    for (int i = 0; i < 10; i++) {
      add("collector-" + i);
    }
    InstanceSelector ring = selector(SelectionStrategy.consistentHash());
    String[] before = new String[10_000];
    for (int k = 0; k < before.length; k++) {
      before[k] = ring.select("key-" + k).orElseThrow().id();
    }
    add("collector-10");
    int moved = 0;
    int movedElsewhere = 0;
    for (int k = 0; k < before.length; k++) {
      String after = ring.select("key-" + k).orElseThrow().id();
      if (!after.equals(before[k])) {
        moved++;
        if (!after.equals("collector-10")) {
          movedElsewhere++;
        }
      }
    }
    assertTrue(moved <= 2_000, moved + " of 10000 keys moved");
    assertTrue(moved > 0, "the new instance takes some keys");
    assertEquals(0, movedElsewhere, "keys move only to the new instance");
    // The same key maps to the same instance from another selector (and so another client).
    InstanceSelector other = selector(SelectionStrategy.consistentHash());
    assertEquals(ring.select("key-42"), other.select("key-42"));
    assertThrows(IllegalStateException.class, ring::select);
  }

  @Test
  void stickyKeepsItsInstanceUntilItGoesThenFallsBack() {
    add("a");
    add("b");
    InstanceSelector sticky = selector(SelectionStrategy.sticky());
    String first = sticky.select().orElseThrow().id();
    for (int i = 0; i < 10; i++) {
      assertEquals(first, sticky.select().orElseThrow().id());
    }
    view.set(view.get().without(first));
    String second = sticky.select().orElseThrow().id();
    assertNotEquals(first, second);
    add(first);
    assertEquals(second, sticky.select().orElseThrow().id(), "sticks to the fallback choice");
  }

  @Test
  void randomReachesEveryUpInstanceAndNoneWhenEmpty() {
    InstanceSelector random = selector(SelectionStrategy.random());
    assertTrue(random.select().isEmpty());
    assertTrue(selector(SelectionStrategy.consistentHash()).select("k").isEmpty());
    add("a");
    add("b");
    add("c");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000 && seen.size() < 3; i++) {
      seen.add(random.select().orElseThrow().id());
    }
    assertEquals(Set.of("a", "b", "c"), seen);
  }

  @Test
  void downInstancePolicyExcludesAfterErrorsForItsDuration() {
    add("a");
    add("b");
    AtomicLong clock = new AtomicLong();
    DownInstancePolicy policy =
        DownInstancePolicy.custom()
            .errorThreshold(2)
            .exclusion(Duration.ofSeconds(10))
            .nanoClock(clock::get)
            .build();
    InstanceSelector rr = Selectors.create(view::get, SelectionStrategy.roundRobin(), policy);
    ServiceInstance a = view.get().entry("a").instance();
    rr.reportError(a);
    assertFalse(rr.isExcluded(a), "one error is not enough");
    rr.reportSuccess(a);
    rr.reportError(a);
    assertFalse(rr.isExcluded(a), "a success reset the count");
    rr.reportError(a);
    assertTrue(rr.isExcluded(a));
    for (int i = 0; i < 10; i++) {
      assertEquals("b", rr.select().orElseThrow().id());
    }
    InstanceSelector hash = Selectors.create(view::get, SelectionStrategy.consistentHash(), policy);
    hash.reportError(a);
    hash.reportError(a);
    for (int k = 0; k < 100; k++) {
      assertEquals("b", hash.select("key-" + k).orElseThrow().id());
    }
    ServiceInstance b = view.get().entry("b").instance();
    rr.reportError(b);
    rr.reportError(b);
    assertTrue(rr.select().isPresent(), "all excluded: choose among all rather than none");
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    assertFalse(rr.isExcluded(a), "back after the exclusion");
    Set<String> seen = new HashSet<>();
    seen.add(rr.select().orElseThrow().id());
    seen.add(rr.select().orElseThrow().id());
    assertEquals(Set.of("a", "b"), seen);
  }

  @Test
  void strategiesValidateTheirArguments() {
    assertThrows(IllegalArgumentException.class, () -> SelectionStrategy.consistentHash(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> SelectionStrategy.sticky(SelectionStrategy.consistentHash()));
    assertThrows(
        IllegalArgumentException.class, () -> DownInstancePolicy.custom().errorThreshold(0));
    assertThrows(
        IllegalArgumentException.class, () -> DownInstancePolicy.custom().exclusion(Duration.ZERO));
    assertEquals("sticky(roundRobin)", SelectionStrategy.sticky().toString());
  }
}
