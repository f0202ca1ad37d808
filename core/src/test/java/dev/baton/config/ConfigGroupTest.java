package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static dev.baton.config.ConfigWatcherTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigGroupTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Codec<Long> LONG = Codecs.ofLong();
  private static final List<String> KEYS = List.of("etl/a", "etl/b", "etl/c");

  record Event(ConfigSnapshot previous, ConfigSnapshot current, Set<String> changed) {}

  @Test
  void onePutAllIsOneEventCarryingEveryChangedKey() throws Exception {
    Coordinator coord = connect(zk, "group/events");
    ConfigGroup group = coord.configGroup("etl");
    assertTrue(group.snapshot().keys().isEmpty());
    List<Event> events = new CopyOnWriteArrayList<>();
    group.addListener((p, c, k) -> events.add(new Event(p, c, k)));
    ConfigStore store = coord.configs();
    for (int i = 1; i <= 10; i++) {
      store.putAll(entries(i));
      int expected = i;
      Await.until(WAIT, () -> events.size() >= expected, "event " + expected);
    }
    store.put("etl/b", LONG, 99L);
    Await.until(WAIT, () -> events.size() >= 11, "event for a single put");
    store.put("elsewhere", LONG, 1L); // not in the group: no event
    store.put("etl/deeper/x", LONG, 1L); // a key of group etl/deeper, not of etl
    store.delete("etl/c");
    Await.until(WAIT, () -> events.size() >= 12, "event for the delete");
    assertEquals(12, events.size(), "exactly one event per write: " + events);
    for (int i = 0; i < 10; i++) {
      Event e = events.get(i);
      assertEquals(Set.copyOf(KEYS), e.changed());
      for (String k : KEYS) {
        assertEquals(i + 1L, e.current().get(k, LONG).orElseThrow().value());
      }
      assertEquals(e.previous(), i == 0 ? e.previous() : events.get(i - 1).current());
    }
    assertEquals(Set.of("etl/b"), events.get(10).changed());
    assertEquals(Set.of("etl/c"), events.get(11).changed());
    assertEquals(Set.of("etl/a", "etl/b"), group.snapshot().keys());
    assertEquals(99L, group.snapshot().get("etl/b", LONG).orElseThrow().value());
    assertTrue(group.snapshot().generation() >= 12);
  }

  @Test
  void aGroupWatcherNeverObservesAPartialPutAll() throws Exception {
    Coordinator watcherSide = connect(zk, "group/torn");
    ConfigStore seed = watcherSide.configs().withHistory(2);
    seed.putAll(entries(0));
    ConfigGroup group = watcherSide.configGroup("etl");
    List<String> torn = new CopyOnWriteArrayList<>();
    AtomicInteger events = new AtomicInteger();
    group.addListener(
        (p, c, k) -> {
          events.incrementAndGet();
          String why = tornReason(c);
          if (why != null) {
            torn.add(why);
          }
        });

    int writers = 4;
    int perWriter = 250; // 1,000 putAlls in all
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Coordinator> coords = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      coords.add(connect(zk, "group/torn"));
    }
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        ConfigStore store = coords.get(w).configs().withHistory(2);
        long base = (w + 1) * 100_000L;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 1; i <= perWriter; i++) {
                    store.putAll(entries(base + i));
                    String why = tornReason(group.snapshot());
                    if (why != null) {
                      torn.add("snapshot(): " + why);
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long last = seed.get("etl/a", LONG).orElseThrow().value();
    Await.until(
        WAIT,
        () -> group.snapshot().get("etl/a", LONG).orElseThrow().value() == last,
        "group ends on the last putAll");
    assertEquals(null, tornReason(group.snapshot()));
    assertTrue(torn.isEmpty(), "torn snapshots: " + torn);
    assertTrue(events.get() > 0);
  }

  private static String tornReason(ConfigSnapshot s) {
    Set<Long> values = new HashSet<>();
    for (String k : KEYS) {
      values.add(s.get(k, LONG).map(Versioned::value).orElse(-1L));
    }
    return values.size() == 1 ? null : "generation " + s.generation() + " has " + values;
  }

  private static List<ConfigEntry<Long>> entries(long value) {
    List<ConfigEntry<Long>> out = new ArrayList<>();
    for (String k : KEYS) {
      out.add(ConfigEntry.of(k, LONG, value));
    }
    return out;
  }
}
