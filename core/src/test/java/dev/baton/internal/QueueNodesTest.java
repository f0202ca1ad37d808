package dev.baton.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.internal.QueueNodes.Child;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper names sequential nodes with {@code String.format("%010d", cversion)} of the parent's
 * signed 32-bit child version, so past 2^31 creates (and deletes) in one directory the suffix turns
 * negative: {@code -2147483648}, 11 characters, then up to {@code -000000001}. The queue must keep
 * creation order across that wrap. The names below are crafted the way the server formats them.
 */
class QueueNodesTest {
  private static final String UUID = "0f8b5a3c-6f0e-4c43-9c55-2b1c8f6d7e90";

  /** The name ZooKeeper gives the node created when the parent's cversion is {@code cversion}. */
  private static String serverName(String kind, int cversion, boolean protectedMode) {
    String name = kind + String.format(Locale.ENGLISH, "%010d", cversion);
    return protectedMode ? "_c_" + UUID + "-" + name : name;
  }

  @Test
  void ordersByCreationAcrossTheSignedWrapOfTheSequence() {
    int[] inCreationOrder = {
      7,
      999_999_999,
      1_000_000_000,
      Integer.MAX_VALUE - 1,
      Integer.MAX_VALUE,
      Integer.MIN_VALUE,
      Integer.MIN_VALUE + 1,
      -1_000_000_000,
      -999_999_999,
      -10,
      -1
    };
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < inCreationOrder.length; i++) {
      expected.add(serverName("lease-", inCreationOrder[i], i % 2 == 0));
    }
    List<String> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(17));

    List<Child> sorted = QueueNodes.sorted(shuffled);

    assertEquals(expected, sorted.stream().map(Child::name).toList());
    for (Child c : sorted) {
      assertEquals("lease-", c.kind(), "kind of " + c.name());
    }
    for (int i = 1; i < sorted.size(); i++) {
      assertTrue(sorted.get(i).sequence() > sorted.get(i - 1).sequence(), sorted.toString());
    }
  }

  @Test
  void keepsEachNodesKindPastTheWrapSoSharedLocksStillTellReadersFromWriters() {
    List<String> names =
        List.of(
            serverName("write-", Integer.MAX_VALUE, true),
            serverName("read-", Integer.MIN_VALUE, true),
            serverName("write-", -5, false),
            serverName("read-", -1, true));

    List<Child> sorted = QueueNodes.sorted(names);

    assertEquals(
        List.of("write-", "read-", "write-", "read-"), sorted.stream().map(Child::kind).toList());
    assertEquals(names, sorted.stream().map(Child::name).toList());
  }

  @Test
  void skipsNamesThatAreNotQueueNodes() {
    List<Child> sorted =
        QueueNodes.sorted(
            List.of(
                "lock",
                "lease-12345",
                "lease-abcdefghij",
                "lease--00000000x",
                serverName("lease-", 3, false)));

    assertEquals(
        List.of(serverName("lease-", 3, false)), sorted.stream().map(Child::name).toList());
  }

  @Test
  void findsANodeByItsPath() {
    List<Child> sorted =
        QueueNodes.sorted(
            List.of(serverName("n-", Integer.MIN_VALUE, true), serverName("n-", 5, true)));

    assertEquals(
        1, QueueNodes.indexOf(sorted, "/elections/e/" + serverName("n-", Integer.MIN_VALUE, true)));
    assertEquals(-1, QueueNodes.indexOf(sorted, "/elections/e/n-0000000009"));
  }
}
