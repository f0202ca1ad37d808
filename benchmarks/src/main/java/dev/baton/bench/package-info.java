/**
 * JMH benchmarks of Baton against raw ZooKeeper and Curator, measured side by side in one run on
 * one in-process server.
 */
@NullMarked
package dev.baton.bench;

import org.jspecify.annotations.NullMarked;
