package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code --codec} choices of {@code baton config}: how a value's bytes are read and written.
 * Every codec here round-trips through text, so the CLI parses what the operator typed with the
 * very codec the pipeline reads it with.
 */
enum CodecChoice {
  string(Codecs.ofString()),
  // Lowercase constants are the option's spelling: picocli matches enum names.
  int_(Codecs.ofInt()),
  long_(Codecs.ofLong()),
  bool(Codecs.ofBoolean()),
  duration(Codecs.ofDuration()),
  properties(Codecs.ofProperties()),
  json(Codecs.json(JsonNode.class));

  private final Codec<Object> codec;

  @SuppressWarnings("unchecked")
  CodecChoice(Codec<?> codec) {
    this.codec = (Codec<Object>) codec;
  }

  Codec<Object> codec() {
    return codec;
  }

  /** The name an operator types: {@code int}, not the constant's {@code int_}. */
  String label() {
    return name().endsWith("_") ? name().substring(0, name().length() - 1) : name();
  }

  static CodecChoice parse(String label) {
    for (CodecChoice c : values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    throw CliException.usage(
        "--codec " + label + ": expected string, int, long, bool, duration, properties or json");
  }

  /** Parses what the operator typed; a value the codec refuses fails naming the key. */
  Object parse(String key, String text) {
    return codec.decode(key, -1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The value as an operator reads it: the codec's own text form. */
  String text(Object value) {
    return new String(codec.encode(value), StandardCharsets.UTF_8).strip();
  }

  /** The value as a JSON node's content: numbers and booleans typed, properties an object. */
  Object jsonValue(Object value) {
    if (value instanceof Properties p) {
      TreeMap<String, String> sorted = new TreeMap<>();
      p.stringPropertyNames().forEach(k -> sorted.put(k, p.getProperty(k)));
      return sorted;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof JsonNode) {
      return value;
    }
    return text(value);
  }
}
