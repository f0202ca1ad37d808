package dev.baton.bench;

import java.nio.charset.StandardCharsets;

/**
 * The value the notification benchmarks write: a sequence number and the writer's {@link
 * System#nanoTime()} when it sent the write, as a small JSON object such as {@code
 * {"seq":42,"stamp":123456789}}.
 *
 * <p>One format serves every variant: raw clients parse it with {@link #parse(byte[])} (a few dozen
 * nanoseconds, so the anchors pay nothing a real application would not), a string codec sees the
 * text, and a JSON codec decodes it into this record.
 *
 * @param seq the write's sequence number, 0 for the initial value
 * @param stamp {@link System#nanoTime()} when the writer sent it
 */
public record Payload(long seq, long stamp) {

  /** {@return the JSON bytes of this payload} */
  public byte[] toBytes() {
    return toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** {@return the JSON text of this payload} */
  @Override
  public String toString() {
    return "{\"seq\":" + seq + ",\"stamp\":" + stamp + "}";
  }

  /**
   * Reads a payload written by {@link #toBytes()}.
   *
   * @param json the bytes
   * @return the payload
   * @throws IllegalArgumentException if a field is missing or not a number
   */
  public static Payload parse(byte[] json) {
    return new Payload(field(json, "\"seq\""), field(json, "\"stamp\""));
  }

  /**
   * Reads a payload from its JSON text.
   *
   * @param json the text
   * @return the payload
   * @throws IllegalArgumentException if a field is missing or not a number
   */
  public static Payload parse(String json) {
    return parse(json.getBytes(StandardCharsets.US_ASCII));
  }

  private static long field(byte[] json, String quotedName) {
    byte[] name = quotedName.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + name.length <= json.length; i++) {
      for (int j = 0; j < name.length; j++) {
        if (json[i + j] != name[j]) {
          continue outer;
        }
      }
      int k = i + name.length;
      while (k < json.length && (json[k] == ':' || json[k] == ' ')) {
        k++;
      }
      boolean negative = k < json.length && json[k] == '-';
      if (negative) {
        k++;
      }
      int start = k;
      long value = 0;
      while (k < json.length && json[k] >= '0' && json[k] <= '9') {
        value = value * 10 + (json[k++] - '0');
      }
      if (k == start) {
        break;
      }
      return negative ? -value : value;
    }
    throw new IllegalArgumentException(
        "payload has no numeric field "
            + quotedName
            + ": "
            + new String(json, StandardCharsets.US_ASCII));
  }
}
