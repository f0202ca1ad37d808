package dev.baton.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/** A codec whose bytes are UTF-8 text, parsed strictly: malformed UTF-8 is an error, not '?'. */
final class TextCodec<T> implements Codec<T> {
  private final String name;
  private final Function<String, T> parse;
  private final Function<T, String> format;

  TextCodec(String name, Function<String, T> parse, Function<T, String> format) {
    this.name = name;
    this.parse = parse;
    this.format = format;
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    return format.apply(value).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public T decode(byte[] bytes) {
    return parse.apply(utf8(bytes));
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public String toString() {
    return "Codec[" + name + "]";
  }

  static String utf8(byte[] bytes) {
    try {
      // A decoder per call: they are cheap and not thread-safe; REPORT makes bad bytes an error.
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the bytes are not valid UTF-8 text", e);
    }
  }

  static String quote(String s) {
    return "'" + (s.length() <= 60 ? s : s.substring(0, 57) + "...") + "'";
  }
}
