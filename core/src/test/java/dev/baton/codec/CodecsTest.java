package dev.baton.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CodecsTest {
  record EtlConfig(int batchSize, Duration flushInterval, List<String> sinks) {}

  static final class Bean {
    public String name = "";
    public double ratio;

    @Override
    public boolean equals(Object o) {
      return o instanceof Bean b && b.name.equals(name) && b.ratio == ratio;
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  @Test
  void everyBuiltInRoundTrips() {
    roundTrip(Codecs.ofString(), "clickstream → hdfs ✓");
    roundTrip(Codecs.ofString(), " spaced ");
    roundTrip(Codecs.ofInt(), Integer.MIN_VALUE);
    roundTrip(Codecs.ofInt(), 500);
    roundTrip(Codecs.ofLong(), Long.MAX_VALUE);
    roundTrip(Codecs.ofDouble(), 0.1);
    roundTrip(Codecs.ofDouble(), -1.5e-300);
    roundTrip(Codecs.ofBoolean(), true);
    roundTrip(Codecs.ofBoolean(), false);
    roundTrip(Codecs.ofDuration(), Duration.ofMillis(1500));
    roundTrip(Codecs.ofDuration(), Duration.ofDays(2).plusNanos(7));
    Properties p = new Properties();
    p.setProperty("agent.sources", "r1");
    p.setProperty("unicode", "größe = 3");
    p.setProperty("a", "");
    roundTrip(Codecs.ofProperties(), p);
    roundTrip(
        Codecs.json(EtlConfig.class),
        new EtlConfig(500, Duration.ofSeconds(5), List.of("hdfs", "kafka")));
    roundTrip(
        Codecs.json(new TypeReference<Map<String, List<Integer>>>() {}),
        Map.of("a", List.of(1, 2)));
    Bean bean = new Bean();
    bean.name = "x";
    bean.ratio = 0.5;
    roundTrip(Codecs.json(new ObjectMapper(), Bean.class), bean);
  }

  @Test
  void textForms() {
    assertEquals(Duration.ofSeconds(30), Codecs.ofDuration().decode(bytes("30s")));
    assertEquals(Duration.ofMinutes(5), Codecs.ofDuration().decode(bytes("5m")));
    assertEquals(Duration.ofMinutes(90), Codecs.ofDuration().decode(bytes("1h30m")));
    assertEquals(Duration.ofMillis(250), Codecs.ofDuration().decode(bytes(" 250ms\n")));
    assertEquals(Duration.ofDays(1), Codecs.ofDuration().decode(bytes("1d")));
    assertEquals(Duration.ofSeconds(30), Codecs.ofDuration().decode(bytes("PT30S")));
    assertEquals(
        "PT30S",
        new String(Codecs.ofDuration().encode(Duration.ofSeconds(30)), StandardCharsets.UTF_8));
    assertEquals(42, Codecs.ofInt().decode(bytes(" 42\n")));
    assertEquals(true, Codecs.ofBoolean().decode(bytes("TRUE")));
    EtlConfig c =
        Codecs.json(EtlConfig.class)
            .decode(bytes("{\"batchSize\":1,\"flushInterval\":\"5m\",\"sinks\":[]}"));
    assertEquals(Duration.ofMinutes(5), c.flushInterval());
    // Equal properties give equal bytes: sorted, no date comment.
    Properties a = new Properties();
    a.setProperty("b", "2");
    a.setProperty("a", "1");
    assertEquals(
        "a=1\nb=2\n",
        new String(Codecs.ofProperties().encode(a), StandardCharsets.UTF_8).replace("\r", ""));
  }

  @Test
  void everyDecodeErrorNamesKeyVersionAndCause() {
    assertDecodeError(Codecs.ofInt(), "fast", "'fast' is not a decimal int");
    assertDecodeError(Codecs.ofInt(), "3000000000", "out of range");
    assertDecodeError(Codecs.ofLong(), "1.5", "not a decimal long");
    assertDecodeError(Codecs.ofDouble(), "NaN", "not a decimal number");
    assertDecodeError(Codecs.ofDouble(), "1e999", "out of a double's range");
    assertDecodeError(Codecs.ofBoolean(), "yes", "neither true nor false");
    assertDecodeError(Codecs.ofDuration(), "5 minutes", "not a duration");
    assertDecodeError(Codecs.ofDuration(), "PT5X", "not an ISO-8601 duration");
    assertDecodeError(Codecs.ofProperties(), "a=\\u12", "not a properties text");
    assertDecodeError(Codecs.json(EtlConfig.class), "{\"batchSize\": 5,", "line 1");
    assertDecodeError(
        Codecs.json(EtlConfig.class),
        "{\"batchSize\":\"many\",\"flushInterval\":\"5s\",\"sinks\":[]}",
        "batchSize");
    assertDecodeError(
        Codecs.json(EtlConfig.class),
        "{\"batchSize\":1,\"flushInterval\":5,\"sinks\":[]}",
        "duration must be a string");
    assertDecodeError(
        Codecs.json(EtlConfig.class),
        "{\"batchSize\":1,\"flushInterval\":\"soon\",\"sinks\":[]}",
        "not a duration");
    assertDecodeError(
        Codecs.json(EtlConfig.class),
        "{\"batchSize\":1,\"flushInterval\":\"5s\",\"sinks\":[],\"typo\":1}",
        "typo");
    assertDecodeError(Codecs.json(EtlConfig.class), "null", "null");
    assertDecodeError(Codecs.json(EtlConfig.class), "{}", "Cannot map `null` into type `int`");
    assertDecodeError(
        Codecs.json(EtlConfig.class),
        "{\"batchSize\":1,\"flushInterval\":\"5s\",\"sinks\":[]} {}",
        "Trailing token");
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> Codecs.ofString().decode("k", 3, new byte[] {(byte) 0xC3, (byte) 0x28}));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void aCodecReturningNullIsADecodeError() {
    Codec<String> broken =
        new Codec<>() {
          @Override
          public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
          }

          @Override
          @SuppressWarnings("NullAway")
          public String decode(byte[] bytes) {
            return null;
          }

          @Override
          public String describe() {
            return "broken";
          }
        };
    DecodeException e =
        assertThrows(DecodeException.class, () -> broken.decode("k", 1, bytes("x")));
    assertTrue(e.getMessage().contains("null"));
  }

  private static <T> void roundTrip(Codec<T> codec, T value) {
    byte[] encoded = codec.encode(value);
    T back = codec.decode(encoded);
    assertEquals(value, back, codec.describe());
    assertArrayEquals(encoded, codec.encode(back), codec.describe() + " encodes stably");
    assertEquals(value, codec.decode("key", 0, encoded));
  }

  private static void assertDecodeError(Codec<?> codec, String text, String cause) {
    DecodeException e =
        assertThrows(DecodeException.class, () -> codec.decode("etl/batch", 7, bytes(text)), text);
    assertEquals("etl/batch", e.key());
    assertEquals(7, e.version());
    String m = e.getMessage();
    assertTrue(m.startsWith("etl/batch: version 7 is not valid " + codec.describe()), m);
    assertTrue(m.contains(cause), "'" + m + "' should contain '" + cause + "'");
    assertTrue(e.reason().contains(cause));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
