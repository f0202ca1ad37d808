package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.codec.Codecs;
import org.junit.jupiter.api.Test;

class PayloadTest {
  @Test
  void roundTripsThroughBytesAndText() {
    Payload p = new Payload(42, -1234567890123L);
    assertEquals(p, Payload.parse(p.toBytes()));
    assertEquals(p, Payload.parse(p.toString()));
    assertEquals(new Payload(7, 9), Payload.parse("{ \"stamp\": 9, \"seq\": 7 }"));
  }

  @Test
  void batonCodecsReadTheSameBytes() {
    Payload p = new Payload(42, 1234567890123L);
    assertEquals(p, Codecs.json(Payload.class).decode(p.toBytes()));
    assertEquals(p, Payload.parse(Codecs.ofString().decode(p.toBytes())));
  }

  @Test
  void configKeysAreNodesDirectlyUnderTheConfigRoot() {
    assertEquals("/config/notify", Subscribers.path("notify"));
    assertEquals("notify", Subscribers.key(Subscribers.path("notify")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Subscribers.key("/notify"));
    assertEquals("watched path '/notify' must be a node directly under /config", e.getMessage());
  }

  @Test
  void refusesAMissingField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Payload.parse("{\"seq\":1}"));
    assertEquals("payload has no numeric field \"stamp\": {\"seq\":1}", e.getMessage());
  }
}
