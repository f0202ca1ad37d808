/**
 * Baton inside Apache Flink jobs: {@link dev.baton.flink.BatonOptions} reads the coordinator's
 * settings from Flink's configuration. Later additions wire live config, discovery, leadership and
 * locks into Flink operators, sources and sinks.
 */
@NullMarked
package dev.baton.flink;

import org.jspecify.annotations.NullMarked;
