package dev.baton.registry;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A consistent-hash ring over one snapshot's {@code UP} instances: {@code virtualNodes} points per
 * instance, sorted, so that a key's owner is found by binary search without allocating. Built once
 * per snapshot, never per selection.
 */
final class HashRing {
  final ViewSnapshot snapshot;
  private final long[] points;
  private final ServiceInstance[] owners;

  private record Point(long hash, ServiceInstance owner) {}

  HashRing(ViewSnapshot snapshot, int virtualNodes) {
    this.snapshot = snapshot;
    ServiceInstance[] up = snapshot.upArray();
    Point[] all = new Point[up.length * virtualNodes];
    int n = 0;
    for (ServiceInstance instance : up) {
      for (int v = 0; v < virtualNodes; v++) {
        all[n++] = new Point(hash(instance.id() + "#" + v), instance);
      }
    }
    // Ties (rare) are broken by id, so every client builds the same ring.
    Arrays.sort(all, Comparator.comparingLong(Point::hash).thenComparing(p -> p.owner().id()));
    points = new long[n];
    owners = new ServiceInstance[n];
    for (int i = 0; i < n; i++) {
      points[i] = all[i].hash();
      owners[i] = all[i].owner();
    }
  }

  int size() {
    return points.length;
  }

  /** The ring position owning {@code key}: the first point at or after its hash, wrapping. */
  int positionOf(String key) {
    int i = Arrays.binarySearch(points, hash(key));
    if (i < 0) {
      i = -i - 1;
    }
    return i == points.length ? 0 : i;
  }

  ServiceInstance ownerAt(int position) {
    return owners[position];
  }

  /**
   * A 64-bit string hash: FNV-1a over the UTF-16 units, then MurmurHash3's 64-bit finalizer, which
   * spreads similar keys ("key-1", "key-2") over the whole ring. Stable across JVMs and releases.
   */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
