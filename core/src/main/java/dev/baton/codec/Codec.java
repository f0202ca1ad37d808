package dev.baton.codec;

/**
 * Turns values of type {@code T} into bytes for ZooKeeper and back.
 *
 * <p>Codecs are how Baton's config recipes stay typed: a watcher decodes every version it reads
 * with its codec, and a store encodes every value it writes. The built-ins live in {@link Codecs}:
 *
 * <pre>{@code
 * Codec<Integer> batchSize = Codecs.ofInt();
 * Codec<EtlConfig> etl = Codecs.json(EtlConfig.class);
 * byte[] bytes = etl.encode(new EtlConfig(500, Duration.ofSeconds(5), List.of("hdfs")));
 * EtlConfig back = etl.decode(bytes);
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.CodecExample} in the test
 * sources.
 *
 * <p>Implementations must be thread-safe (one codec serves every thread of a process) and cheap to
 * call: {@link #decode} runs once per stored version on ZooKeeper's event thread, so it should not
 * block, and it should reuse whatever it can (parsers, readers) instead of creating them per call.
 * A codec should round-trip: {@code decode(encode(v))} equals {@code v}.
 *
 * @param <T> the type of the values
 * @since 0.1
 */
public interface Codec<T> {
  /**
   * Encodes a value.
   *
   * @param value the value
   * @return its bytes; the caller owns the array
   * @throws IllegalArgumentException if the value cannot be encoded (the message says why)
   */
  byte[] encode(T value);

  /**
   * Decodes bytes read from ZooKeeper.
   *
   * @param bytes the stored bytes, never empty (Baton reads an empty node as "no value")
   * @return the value, never {@code null}
   * @throws IllegalArgumentException if the bytes are not a valid encoding; the message says why in
   *     words an operator understands (callers add the key and the version)
   */
  T decode(byte[] bytes);

  /**
   * A short description of the encoding for messages, such as {@code int} or {@code
   * json(EtlConfig)}.
   *
   * @return the description
   */
  String describe();

  /**
   * Decodes the bytes of one stored version of a key, and names that key and version in the error.
   *
   * @param key the config key the bytes belong to
   * @param version the ZooKeeper version of the node the bytes were read from
   * @param bytes the bytes
   * @return the value
   * @throws DecodeException if {@link #decode} fails (or returns {@code null}); it names the key,
   *     the version and the reason
   */
  default T decode(String key, int version, byte[] bytes) {
    T value;
    try {
      value = decode(bytes);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new DecodeException(key, version, describe(), reason, e);
    }
    if (value == null) {
      throw new DecodeException(key, version, describe(), "the codec decoded it to null", null);
    }
    return value;
  }
}
