/**
 * Baton inside Apache Flume agents. {@link dev.baton.flume.BatonConfigurationProvider} keeps an
 * agent's config in ZooKeeper, validated before it is applied and backed up on local disk; {@link
 * dev.baton.flume.BatonAgent} is the main class that runs it under Flume's launcher; {@link
 * dev.baton.flume.FlumeCoordinatorSettings} reads connection settings from a component's Flume
 * {@code Context}. Components of one JVM share one ZooKeeper session per ensemble and namespace.
 */
@NullMarked
package dev.baton.flume;

import org.jspecify.annotations.NullMarked;
