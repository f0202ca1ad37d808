package dev.baton.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * History knows about rejections: a value an operator wrote from a process without the watchers'
 * validator is stored, rejected by the watchers and listed by {@code history()} like any other;
 * {@code historyEntries()} marks it rejected in the process that has the validator, with the
 * reason.
 */
class HistoryVerdictTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void historyEntriesCarryThisProcesssVerdictOnEachVersion() throws Exception {
    Coordinator service = TestCoordinators.connect(zk, "test/history-verdicts");
    Coordinator operator = TestCoordinators.connect(zk, "test/history-verdicts");
    ConfigWatcher<Integer> batch =
        service
            .config("batch", Codecs.ofInt())
            .validator(v -> v > 0 ? null : "batch must be positive, was " + v)
            .watch();
    Recorder<Integer> heard = new Recorder<>();
    batch.addListener(heard);

    operator.configs().put("batch", Codecs.ofInt(), 100); // v0
    // The watcher reads the latest version when notified: a version overwritten before that read
    // is never seen (listeners end on the latest, not on every one). Let it take v0 first, so
    // that v0 is the last good value the rejections below must keep.
    Await.until(TestCoordinators.WAIT, () -> heard.heardValue(100), "v0 accepted");
    operator.configs().put("batch", Codecs.ofInt(), -5); // v1: stored, the service rejects it
    Await.until(TestCoordinators.WAIT, () -> heard.rejections.size() == 1, "v1 rejected");
    // Written around Baton: no history entry, and a value the codec refuses.
    operator.curator().setData().forPath("/config/batch", "lots".getBytes(StandardCharsets.UTF_8));
    Await.until(TestCoordinators.WAIT, () -> heard.rejections.size() == 2, "v2 rejected");
    assertEquals(100, batch.get(), "the watcher kept its last good value");

    // history() lists the rejected write like any other version.
    assertEquals(
        List.of(-5, 100),
        service.configs().history("batch", Codecs.ofInt()).stream().map(Versioned::value).toList());

    List<HistoryEntry<Integer>> entries = service.configs().historyEntries("batch", Codecs.ofInt());
    assertEquals(2, entries.size(), "the raw write made no history entry: " + entries);
    HistoryEntry<Integer> rejected = entries.get(0);
    assertEquals(1, rejected.version());
    assertEquals(-5, rejected.value());
    assertFalse(rejected.accepted());
    assertEquals("batch must be positive, was -5", rejected.rejection());
    assertTrue(entries.get(1).accepted());
    assertNull(entries.get(1).rejection());

    // The operator's process has no validator: its verdict is its own.
    assertTrue(
        operator.configs().historyEntries("batch", Codecs.ofInt()).stream()
            .allMatch(HistoryEntry::accepted));
    // A value that does not decode is listed as rejected, not thrown.
    operator.configs().withHistory(10).put("name", Codecs.ofString(), "x");
    List<HistoryEntry<Integer>> wrongCodec =
        service.configs().historyEntries("name", Codecs.ofInt());
    assertNull(wrongCodec.get(0).value());
    assertTrue(wrongCodec.get(0).rejection().startsWith("not valid"), wrongCodec.toString());
  }
}
