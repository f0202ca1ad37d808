/**
 * Baton inside Apache Flume agents: settings read from a component's Flume {@code Context}. Later
 * additions wire live config, discovery, leadership and locks into Flume sources, sinks and
 * interceptors.
 */
@NullMarked
package dev.baton.flume;

import org.jspecify.annotations.NullMarked;
