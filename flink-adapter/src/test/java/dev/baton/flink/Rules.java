package dev.baton.flink;

import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import org.jspecify.annotations.Nullable;

/** A config value for tests: a mode, and optionally the event time it applies from. */
record Rules(String mode, @Nullable Long from) {
  static Codec<Rules> codec() {
    return Codecs.json(Rules.class);
  }
}
