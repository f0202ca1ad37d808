package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static dev.baton.config.ConfigWatcherTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber added while a snapshot is being published either starts on it or is offered it:
 * never stuck on the one before until some later write.
 */
class ConfigGroupSubscribeRaceTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Codec<Integer> INT = Codecs.ofInt();
  private static final String KEY = "race/k";
  private static final int ROUNDS = 15;
  private static final int MAX_PROBES = 4000;

  /** Records the view a subscriber had just before the check write of a round reached it. */
  static final class Probe implements ConfigGroupListener {
    final int check;
    volatile @Nullable ConfigSnapshot beforeCheck;
    @Nullable ListenerHandle handle;

    Probe(int check) {
      this.check = check;
    }

    @Override
    public void onChange(ConfigSnapshot previous, ConfigSnapshot current, Set<String> changed) {
      if (Integer.valueOf(check).equals(value(current))) {
        beforeCheck = previous;
      }
    }
  }

  static @Nullable Integer value(ConfigSnapshot s) {
    return s.get(KEY, INT).map(Versioned::value).orElse(null);
  }

  @Test
  void subscribersAddedDuringAPublicationEndOnTheLatestSnapshot() throws Exception {
    Coordinator coord = connect(zk, "group-race");
    ConfigGroup group = coord.configGroup("race");
    ConfigStore store = coord.configs().withHistory(0);
    // Idle subscribers make each subscribe copy a long list: they widen the window in which a
    // subscriber has read the snapshot but is not yet in the list, so the race is hit often.
    for (int i = 0; i < 3000; i++) {
      group.addListener((p, c, k) -> {}, Runnable::run);
    }
    ExecutorService listeners = Executors.newSingleThreadExecutor();
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        int value = round;
        int check = -round;
        List<Probe> probes = new ArrayList<>();
        Thread subscriber =
            new Thread(
                () -> {
                  while (probes.size() < MAX_PROBES
                      && !Integer.valueOf(value).equals(value(group.snapshot()))) {
                    Probe p = new Probe(check);
                    p.handle = group.addListener(p, listeners);
                    probes.add(p);
                  }
                },
                "subscriber-" + round);
        subscriber.start();
        store.put(KEY, INT, value);
        subscriber.join(WAIT.toMillis());
        assertFalse(subscriber.isAlive(), "subscriber thread done");
        Await.until(WAIT, () -> Integer.valueOf(value).equals(value(group.snapshot())), "round");

        // Quiet now: every probe's view must be this round's snapshot. The check write reveals it
        // as the `previous` of the change that brings the check value.
        store.put(KEY, INT, check);
        Await.until(
            WAIT,
            () -> probes.stream().allMatch(p -> p.beforeCheck != null),
            "every probe of round " + round + " hears the check write");
        for (Probe p : probes) {
          assertEquals(
              (Integer) value,
              value(p.beforeCheck),
              "a subscriber of round " + round + " was left on an older snapshot");
          p.handle.close();
        }
      }
    } finally {
      listeners.shutdownNow();
    }
  }
}
