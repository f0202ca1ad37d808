package dev.baton.config;

import static dev.baton.config.ConfigWatcherTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Killing the member a watcher is connected to while writes continue. */
class ConfigWatcherEnsembleTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.ensemble(3);

  @Test
  void watcherEndsOnTheLatestValueWhenItsMemberIsKilledDuringWrites() throws Exception {
    Coordinator watcherSide = TestCoordinators.connect(zk, "ens");
    Coordinator writerSide = TestCoordinators.connect(zk, "ens");
    ConfigWatcher<Integer> w = watcherSide.config("seq", Codecs.ofInt()).defaultValue(-1).watch();
    Recorder<Integer> rec = new Recorder<>();
    w.addListener(rec);
    ConfigStore store = writerSide.configs().withHistory(0);
    store.put("seq", Codecs.ofInt(), 0);
    Await.until(WAIT, () -> w.get() == 0, "first value");

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger lastWritten = new AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 1; !stop.get() && i < 100_000; i++) {
                try {
                  store.put("seq", Codecs.ofInt(), i);
                  lastWritten.set(i);
                } catch (RuntimeException e) {
                  i--; // connection trouble while a member dies: write the same number again
                }
              }
            },
            "test-writer");
    writer.start();
    Await.until(WAIT, () -> lastWritten.get() > 20, "writes flowing");
    int member = zk.connectedServer(watcherSide.curator());
    assertTrue(member >= 0);
    zk.killServer(member);
    int atKill = lastWritten.get();
    Await.until(WAIT, () -> lastWritten.get() > atKill + 20, "writes continue after the kill");
    Await.until(WAIT, () -> w.get() > atKill + 10, "watcher follows again on another member");
    stop.set(true);
    writer.join(Duration.ofSeconds(30).toMillis());
    int last = lastWritten.get();
    Await.until(WAIT, () -> w.get() == last, "watcher ends on the latest value " + last);
    Await.until(WAIT, () -> rec.heardValue(last), "listener ends on the latest value");
    assertEquals(last, w.get());
    rec.assertClean();
  }
}
