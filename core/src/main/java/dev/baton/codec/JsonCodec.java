package dev.baton.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
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
      throw new IllegalArgumentException(e.getOriginalMessage() + where(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
    }
    if (value == null) {
      throw new IllegalArgumentException("the JSON is null");
    }
    return value;
  }

  /** Where in the document: the field path if Jackson knows it, and the line and column. */
  private static String where(JsonProcessingException e) {
    StringBuilder sb = new StringBuilder();
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          path.append('[').append(r.getIndex()).append(']');
        }
      }
      sb.append(" at '").append(path).append("'");
    }
    if (e.getLocation() != null) {
      sb.append(" (line ")
          .append(e.getLocation().getLineNr())
          .append(", column ")
          .append(e.getLocation().getColumnNr())
          .append(')');
    }
    return sb.toString();
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
