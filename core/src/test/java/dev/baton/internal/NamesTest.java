package dev.baton.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void timeoutsAreCheckedAndVeryLongOnesSaturate() {
    assertEquals(1_000_000L, Names.timeoutNanos("timeout", Duration.ofMillis(1)));
    assertEquals(0L, Names.timeoutNanos("timeout", Duration.ZERO));
    long forever = Names.timeoutNanos("timeout", Duration.ofSeconds(Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE / 4, forever);
    assertTrue(System.nanoTime() + forever > 0, "a deadline from 'forever' does not overflow");
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () -> Names.timeoutNanos("timeout", Duration.ofMillis(-1)));
    assertTrue(negative.getMessage().contains("timeout"), negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Names.timeoutNanos("timeout", null));
  }

  @Test
  void namesAndPathsNameTheBadValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Names.segment("lock name", "a/b"));
    assertTrue(e.getMessage().contains("lock name") && e.getMessage().contains("a/b"));
    assertThrows(IllegalArgumentException.class, () -> Names.absolutePath("path", "relative"));
    assertEquals("/a/b", Names.absolutePath("path", "/a/b"));
    assertEquals("a/b", Names.relativePath("key", "a/b"));
  }
}
