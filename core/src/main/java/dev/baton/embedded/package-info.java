/**
 * A real ZooKeeper server inside the current JVM, for development, demos and tests: {@link
 * dev.baton.embedded.EmbeddedZooKeeper}.
 */
@NullMarked
package dev.baton.embedded;

import org.jspecify.annotations.NullMarked;
