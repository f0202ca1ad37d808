package dev.baton.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON payload of an instance node. {@code format} is bumped only on an incompatible change;
 * fields a reader does not know are ignored, so adding one is compatible.
 */
final class InstanceCodec {
  /** The payload format this version writes and reads. */
  static final int FORMAT = 1;

  // One mapper for the whole registry: it is thread-safe once configured and costly to build.
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

  private InstanceCodec() {}

  /** The wire form; component names are the JSON field names. */
  record Payload(
      int format,
      String name,
      String id,
      String host,
      int port,
      @Nullable Integer tlsPort,
      String status,
      @Nullable Map<String, String> metadata,
      String registeredAt) {}

  static byte[] encode(ServiceInstance i) {
    Payload p =
        new Payload(
            FORMAT,
            i.name(),
            i.id(),
            i.host(),
            i.port(),
            i.tlsPort(),
            i.status().name(),
            i.metadata(),
            i.registeredAt().toString());
    try {
      return MAPPER.writeValueAsBytes(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode instance " + i.id(), e);
    }
  }

  /**
   * Decodes the payload of {@code /services/<name>/<id>}; the path, not the payload, decides the
   * name and id.
   *
   * @throws IllegalArgumentException if the bytes are not a valid payload of a known format
   */
  static ServiceInstance decode(String name, String id, byte[] bytes) {
    Payload p;
    try {
      p = MAPPER.readValue(bytes, Payload.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "instance " + name + "/" + id + ": payload is not valid JSON: " + e.getMessage(), e);
    }
    if (p.format() != FORMAT) {
      throw new IllegalArgumentException(
          "instance "
              + name
              + "/"
              + id
              + ": payload format "
              + p.format()
              + " is not supported (this version reads "
              + FORMAT
              + ")");
    }
    if (p.host() == null || p.status() == null || p.registeredAt() == null) {
      throw new IllegalArgumentException(
          "instance " + name + "/" + id + ": payload lacks host, status or registeredAt");
    }
    try {
      return new ServiceInstance(
          name,
          id,
          p.host(),
          p.port(),
          p.tlsPort(),
          InstanceStatus.valueOf(p.status()),
          p.metadata() == null ? Map.of() : p.metadata(),
          Instant.parse(p.registeredAt()));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          "instance " + name + "/" + id + ": invalid payload: " + e.getMessage(), e);
    }
  }
}
