package dev.baton;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinatorBuilderTest {
  @ParameterizedTest
  @ValueSource(strings = {"", " ", ":2181", "zk1:2181,,zk2:2181", "zk1:0", "zk1:70000", "zk1:abc"})
  void rejectsConnectStringsWithoutAValidHost(String bad) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Coordinator.builder().connectString(bad));
    assertTrue(e.getMessage().contains("connectString"), e.getMessage());
  }

  @Test
  void acceptsHostsPortsAndChroot() {
    Coordinator.builder().connectString("zk1:2181,zk2,[::1]:2182/apps/baton");
  }

  @Test
  void rejectsABadChroot() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Coordinator.builder().connectString("zk1:2181/apps//x"));
    assertTrue(e.getMessage().contains("/apps//x"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "trailing/", "a//b", "has space", "a/../b", ".hidden"})
  void rejectsInvalidNamespacesNamingTheValue(String bad) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Coordinator.builder().namespace(bad));
    assertTrue(e.getMessage().contains("namespace"), e.getMessage());
    if (!bad.isEmpty()) {
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void rejectsNonPositiveTimeouts() {
    assertThrows(
        IllegalArgumentException.class, () -> Coordinator.builder().sessionTimeout(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> Coordinator.builder().connectionTimeout(Duration.ofSeconds(-1)));
  }

  @Test
  void buildNamesTheMissingSetting() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Coordinator.builder().build());
    assertTrue(e.getMessage().contains("connectString"), e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> Coordinator.builder().connectString("zk:2181").embedded().build());
    assertThrows(
        IllegalStateException.class,
        () ->
            Coordinator.builder()
                .connectString("zk:2181")
                .sessionTimeout(Duration.ofSeconds(1))
                .connectionTimeout(Duration.ofSeconds(2))
                .build());
  }

  @Test
  void rejectsBadDigestUsers() {
    assertThrows(
        IllegalArgumentException.class, () -> Coordinator.builder().digestAuth("a:b", "p"));
    assertThrows(IllegalArgumentException.class, () -> Coordinator.builder().digestAuth(" ", "p"));
  }
}
