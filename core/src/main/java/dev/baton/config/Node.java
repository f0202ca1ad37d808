package dev.baton.config;

import org.jspecify.annotations.Nullable;

/**
 * One read of a key's node: its bytes, version and modification zxid, or absent (no node, or an
 * empty one, which is what a parent of hierarchical keys is).
 *
 * @param data the bytes, or null when absent
 * @param version the node's version, or -1 when absent
 * @param mzxid the node's mzxid; when absent, the largest mzxid seen before, to order a re-create
 */
record Node(byte @Nullable [] data, int version, long mzxid) {
  static Node absent(long lastMzxid) {
    return new Node(null, -1, lastMzxid);
  }

  boolean isAbsent() {
    return data == null;
  }
}
