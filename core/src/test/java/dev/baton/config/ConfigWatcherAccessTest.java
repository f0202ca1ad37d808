package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static dev.baton.config.ConfigWatcherTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.AccessDeniedException;
import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A key the session may not read fails {@code watch()} loudly instead of running on defaults. */
class ConfigWatcherAccessTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Codec<String> TEXT = Codecs.ofString();

  @Test
  void watchingAKeyTheSessionMayNotReadThrowsAccessDeniedNamingTheKey() throws Exception {
    Coordinator owner =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace("acl")
                    .sessionTimeout(zk.sessionTimeout())
                    .digestAuth("etl-admin", "s3cret")
                    .build());
    assertTrue(owner.awaitConnected(WAIT), "owner connected");
    owner
        .curator()
        .create()
        .creatingParentsIfNeeded()
        .withACL(ZooDefs.Ids.CREATOR_ALL_ACL)
        .forPath("/config/secret", "hidden".getBytes(StandardCharsets.UTF_8));
    owner.configs().put("open", TEXT, "visible");

    Coordinator stranger = connect(zk, "acl");
    AccessDeniedException e =
        assertThrows(
            AccessDeniedException.class,
            () -> stranger.config("secret", TEXT).defaultValue("fallback").watch());
    assertEquals("secret", e.path());
    assertTrue(e.getMessage().contains("secret"), e.getMessage());

    // Nothing is left behind: no shared watch in the registry, no watch on the server.
    assertEquals(0, ConfigRegistry.of(stranger).watchedKeys());
    Await.until(WAIT, () -> zk.watchersOf("/acl/config/secret") == 0, "no watch left on secret");

    // The failure is about that key only: a readable key still works on the same coordinator.
    ConfigWatcher<String> open = stranger.config("open", TEXT).watch();
    assertEquals("visible", open.get());
    // And the key's owner reads it.
    assertEquals("hidden", owner.config("secret", TEXT).watch().get());
  }
}
