package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.codec.Codecs;
import dev.baton.testing.ZooKeeperExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigKeysTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void listsEveryKeyWithAValueSortedAndSkipsDeletedOnes() throws Exception {
    ConfigStore store = connect(zk, "keys/listed").configs();
    assertEquals(List.of(), store.keys(), "nothing written yet");
    store.put("etl/batch-size", Codecs.ofInt(), 500);
    store.put("etl", Codecs.ofString(), "parent with a value");
    store.put("alpha/beta/gamma", Codecs.ofLong(), 7L);
    store.put("gone", Codecs.ofString(), "soon deleted");
    store.delete("gone");
    assertEquals(List.of("alpha/beta/gamma", "etl", "etl/batch-size"), store.keys());
  }
}
