package dev.baton.codec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The built-in codecs. Text-based codecs store UTF-8 text that people can read and write with
 * {@code zkCli}; numbers are decimal, booleans {@code true}/{@code false}, durations ISO-8601.
 *
 * <pre>{@code
 * Codec<Duration> flush = Codecs.ofDuration();     // reads "PT30S", "30s", "5m", "1h30m"
 * Codec<EtlConfig> etl = Codecs.json(EtlConfig.class);
 * Codec<List<String>> sinks = Codecs.json(new TypeReference<List<String>>() {});
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.CodecExample} in the test
 * sources.
 *
 * <p>Parsing is strict, so that a typo is rejected rather than read as something else: numbers must
 * be complete decimal numbers (surrounding white space is ignored), booleans exactly {@code true}
 * or {@code false} (any case), text valid UTF-8. The JSON codecs fail on unknown properties, on
 * {@code null} for primitives, on trailing content and on strings where numbers or booleans are
 * expected; {@link Duration} fields are written as ISO-8601 strings and read in either form {@link
 * #ofDuration()} accepts.
 *
 * <p>Every codec here is immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Codecs {
  private static final Codec<String> STRING = new TextCodec<>("string", s -> s, s -> s);
  private static final Codec<Integer> INT =
      new TextCodec<>("int", s -> parseNumber(s, "int", Integer::valueOf), String::valueOf);
  private static final Codec<Long> LONG =
      new TextCodec<>("long", s -> parseNumber(s, "long", Long::valueOf), String::valueOf);
  private static final Codec<Double> DOUBLE =
      new TextCodec<>("double", Codecs::parseDouble, String::valueOf);
  private static final Codec<Boolean> BOOLEAN =
      new TextCodec<>("boolean", Codecs::parseBoolean, String::valueOf);
  private static final Codec<Duration> DURATION =
      new TextCodec<>("duration", Durations::parse, Duration::toString);
  private static final Codec<Properties> PROPERTIES =
      new TextCodec<>("properties", Codecs::parseProperties, Codecs::formatProperties);

  private static final ObjectMapper MAPPER = JsonMappers.strict();

  private Codecs() {}

  /** {@return UTF-8 text, stored as is} */
  public static Codec<String> ofString() {
    return STRING;
  }

  /** {@return a decimal {@code int}, such as {@code 500}} */
  public static Codec<Integer> ofInt() {
    return INT;
  }

  /** {@return a decimal {@code long}} */
  public static Codec<Long> ofLong() {
    return LONG;
  }

  /** {@return a decimal {@code double}, such as {@code 0.25}; NaN and infinities are refused} */
  public static Codec<Double> ofDouble() {
    return DOUBLE;
  }

  /** {@return {@code true} or {@code false}, in any case} */
  public static Codec<Boolean> ofBoolean() {
    return BOOLEAN;
  }

  /**
   * A duration, written as ISO-8601 ({@code PT30S}) and read either as ISO-8601 or as amounts with
   * units {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}: {@code 30s}, {@code 5m}, {@code
   * 1h30m}, {@code 250ms}.
   *
   * @return the codec
   */
  public static Codec<Duration> ofDuration() {
    return DURATION;
  }

  /**
   * A {@link Properties} file's text ({@code key=value} lines, the format of {@link
   * Properties#load(java.io.Reader)}), in UTF-8. Written sorted by key and without the date
   * comment, so equal properties give equal bytes.
   *
   * @return the codec
   */
  public static Codec<Properties> ofProperties() {
    return PROPERTIES;
  }

  /**
   * JSON for a class or record, through Jackson with Baton's strict settings (see the class
   * description).
   *
   * @param type the class
   * @param <T> its type
   * @return the codec
   * @throws IllegalArgumentException if Jackson cannot handle the class
   */
  public static <T> Codec<T> json(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return json(MAPPER, MAPPER.constructType(type), type.getSimpleName());
  }

  /**
   * JSON for a generic type such as {@code List<String>} or {@code Map<String, Rule>}.
   *
   * @param type the type, as an anonymous subclass: {@code new TypeReference<List<String>>() {}}
   * @param <T> the type
   * @return the codec
   */
  public static <T> Codec<T> json(TypeReference<T> type) {
    Objects.requireNonNull(type, "type");
    JavaType javaType = MAPPER.constructType(type);
    return json(MAPPER, javaType, javaType.toCanonical().replaceAll("[a-z0-9_$]+\\.", ""));
  }

  /**
   * JSON for a class or record through the caller's own {@link ObjectMapper} (modules, naming
   * strategies, leniency of its own). The mapper is used, not copied: do not reconfigure it
   * afterwards.
   *
   * @param mapper the mapper
   * @param type the class
   * @param <T> its type
   * @return the codec
   */
  public static <T> Codec<T> json(ObjectMapper mapper, Class<T> type) {
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(type, "type");
    return json(mapper, mapper.constructType(type), type.getSimpleName());
  }

  private static <T> Codec<T> json(ObjectMapper mapper, JavaType type, String name) {
    return new JsonCodec<>("json(" + name + ")", mapper.readerFor(type), mapper.writerFor(type));
  }

  private interface Parser<T> {
    T parse(String s);
  }

  private static <T> T parseNumber(String text, String type, Parser<T> parser) {
    String s = text.strip();
    try {
      return parser.parse(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          TextCodec.quote(s) + " is not a decimal " + type + " (or out of range)", e);
    }
  }

  private static Double parseDouble(String text) {
    String s = text.strip();
    try {
      // BigDecimal accepts decimal notation only: no "0x1p3", "1d" or "NaN" surprises.
      double d = new BigDecimal(s).doubleValue();
      if (Double.isInfinite(d)) {
        throw new IllegalArgumentException(TextCodec.quote(s) + " is out of a double's range");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(TextCodec.quote(s) + " is not a decimal number", e);
    }
  }

  private static Boolean parseBoolean(String text) {
    String s = text.strip();
    if (s.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (s.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException(TextCodec.quote(s) + " is neither true nor false");
  }

  private static Properties parseProperties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a properties text: " + e.getMessage(), e);
    }
    return p;
  }

  private static String formatProperties(Properties value) {
    Properties sorted = new SortedProperties();
    sorted.putAll(value);
    StringWriter out = new StringWriter();
    try {
      sorted.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // store() always writes a "#<date>" line first; dropping it keeps equal values byte-equal.
    String s = out.toString();
    return s.startsWith("#") ? s.substring(s.indexOf('\n') + 1) : s;
  }

  /** Properties whose store() writes keys in order (store iterates entrySet()). */
  private static final class SortedProperties extends Properties {
    private static final long serialVersionUID = 1L;

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      Set<Map.Entry<Object, Object>> sorted = new LinkedHashSet<>();
      super.entrySet().stream()
          .sorted(Comparator.comparing(e -> String.valueOf(e.getKey())))
          .forEachOrdered(sorted::add);
      return sorted;
    }
  }
}
