package dev.baton.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceInstanceTest {
  private static ServiceInstance.Builder collector() {
    return ServiceInstance.builder("collector").id("c-1").host("10.0.0.7").port(4141);
  }

  @Test
  void buildsWithDefaults() {
    ServiceInstance i = ServiceInstance.builder("collector").host("h").port(1).build();
    assertEquals(InstanceStatus.UP, i.status());
    assertEquals(36, i.id().length(), "a UUID id is generated");
    assertNull(i.tlsPort());
    assertEquals(Map.of(), i.metadata());
    assertEquals("h:1", i.address());
    assertEquals("[::1]:80", collector().host("::1").port(80).build().address());
  }

  @Test
  void rejectsBadNamesIdsAndHostsNamingTheRule() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServiceInstance.builder("a/b"));
    assertTrue(e.getMessage().contains("service name 'a/b'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> collector().id(".hidden"));
    assertTrue(e.getMessage().contains("instance id '.hidden'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> collector().id(""));
    e = assertThrows(IllegalArgumentException.class, () -> collector().host("bad host").build());
    assertTrue(e.getMessage().contains("host 'bad host'"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> ServiceInstance.builder("x").port(1).build());
    assertThrows(IllegalStateException.class, () -> ServiceInstance.builder("x").host("h").build());
  }

  @Test
  void rejectsPortsOutOfRange() {
    for (int bad : new int[] {0, -1, 65_536}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> collector().port(bad));
      assertTrue(e.getMessage().contains("port " + bad + " is outside 1..65535"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> collector().tlsPort(bad));
    }
  }

  @Test
  void rejectsOversizeMetadata() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i <= ServiceInstance.MAX_METADATA_ENTRIES; i++) {
      many.put("k" + i, "v");
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> collector().metadata(many).build());
    assertTrue(e.getMessage().contains("entries"), e.getMessage());
    String longValue = "x".repeat(ServiceInstance.MAX_METADATA_VALUE + 1);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> collector().putMetadata("zone", longValue).build());
    assertTrue(e.getMessage().contains("metadata value of 'zone'"), e.getMessage());
    Map<String, String> big = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      big.put("k" + i, "y".repeat(ServiceInstance.MAX_METADATA_VALUE));
    }
    e = assertThrows(IllegalArgumentException.class, () -> collector().metadata(big).build());
    assertTrue(e.getMessage().contains("characters in all"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> collector().build().withMetadata(Map.of("", "empty key")));
  }

  @Test
  void payloadRoundTripsAndCarriesItsFormat() {
    ServiceInstance i =
        collector()
            .tlsPort(4142)
            .status(InstanceStatus.DRAINING)
            .putMetadata("zone", "eu-1a")
            .registeredAt(Instant.parse("2026-11-02T10:15:30.123Z"))
            .build();
    byte[] bytes = InstanceCodec.encode(i);
    String json = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"format\":1,"), json);
    assertEquals(i, InstanceCodec.decode("collector", "c-1", bytes));
    assertNull(
        InstanceCodec.decode("collector", "c-1", InstanceCodec.encode(collector().build()))
            .tlsPort());
  }

  @Test
  void decodingIgnoresUnknownFieldsAndRejectsUnknownFormats() {
    String future =
        "{\"format\":1,\"host\":\"h\",\"port\":1,\"status\":\"UP\","
            + "\"registeredAt\":\"2026-01-01T00:00:00Z\",\"weight\":3}";
    assertEquals(
        "h", InstanceCodec.decode("s", "i", future.getBytes(StandardCharsets.UTF_8)).host());
    String v2 = future.replace("\"format\":1", "\"format\":2");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InstanceCodec.decode("s", "i", v2.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("format 2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> InstanceCodec.decode("s", "i", "not json".getBytes(StandardCharsets.UTF_8)));
  }
}
