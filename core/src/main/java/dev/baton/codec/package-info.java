/**
 * Codecs: how typed values become the bytes stored in ZooKeeper and back. {@link
 * dev.baton.codec.Codecs} has the built-ins (text, numbers, booleans, durations, properties and
 * JSON through Jackson); {@link dev.baton.codec.Codec} is the interface to implement for anything
 * else.
 */
@NullMarked
package dev.baton.codec;

import org.jspecify.annotations.NullMarked;
