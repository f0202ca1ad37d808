package dev.baton.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Objects;

/**
 * JSON through Jackson. The reader and writer are made once, for the target type, so a decode is
 * one parse: no mapper, reflection or type resolution per call.
 */
final class JsonCodec<T> implements Codec<T> {
  private final String name;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  JsonCodec(String name, ObjectReader reader, ObjectWriter writer) {
    this.name = name;
    this.reader = reader;
    this.writer = writer;
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write "
              + value.getClass().getSimpleName()
              + " as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    T value;
    try {
      value = reader.readValue(bytes);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new IllegalArgumentException(e.getOriginalMessage() + where, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
    }
    if (value == null) {
      throw new IllegalArgumentException("the JSON is null");
    }
    return value;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public String toString() {
    return "Codec[" + name + "]";
  }
}
