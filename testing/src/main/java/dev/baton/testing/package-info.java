/**
 * Testing against a real ZooKeeper: {@link dev.baton.testing.ZooKeeperExtension}, a JUnit 5
 * extension that runs a standalone server or a multi-member ensemble inside the test JVM, with
 * fault helpers (session expiry, dropped connections, members killed and restarted) and {@link
 * dev.baton.testing.Await} for waiting on conditions with a deadline.
 *
 * <p>This module does not depend on {@code baton-core} (core's own tests use it), so its helpers
 * take a Curator client; a Baton {@code Coordinator} hands out its own with {@code curator()}.
 */
@NullMarked
package dev.baton.testing;

import org.jspecify.annotations.NullMarked;
