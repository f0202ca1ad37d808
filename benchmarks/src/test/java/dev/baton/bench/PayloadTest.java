package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void refusesAMissingField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Payload.parse("{\"seq\":1}"));
    assertEquals("payload has no numeric field \"stamp\": {\"seq\":1}", e.getMessage());
  }
}
