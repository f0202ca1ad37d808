/**
 * Baton inside Apache Flink jobs.
 *
 * <ul>
 *   <li>{@link dev.baton.flink.BatonOptions}: the settings, from code, job parameters or {@code
 *       config.yaml}.
 *   <li>{@link dev.baton.flink.SharedCoordinator}: one ZooKeeper session per TaskManager and job,
 *       shared by every Baton operator.
 *   <li>{@link dev.baton.flink.ConfigKey}, {@link dev.baton.flink.ConfigSource}, {@link
 *       dev.baton.flink.DynamicConfigProcessFunction} and {@link
 *       dev.baton.flink.KeyedDynamicConfigProcessFunction}: live config in operators, with an
 *       optional event-time switch point.
 *   <li>{@link dev.baton.flink.ConfigGroupSource} and {@link dev.baton.flink.ConfigChange}: every
 *       key of a config group as a stream of changes, for broadcast state.
 *   <li>{@link dev.baton.flink.RegistryAsyncFunction}: async I/O against instances found in the
 *       Baton registry.
 *   <li>{@link dev.baton.flink.LeaderGatedSink}: a side effect only the leader performs, fenced by
 *       the leadership's epoch.
 *   <li>{@link dev.baton.flink.LockGuardedCommitSink}: commits after each checkpoint under a lock,
 *       with the lease's fencing token.
 *   <li>{@link dev.baton.flink.BatonRichFunction}: any function with live config watchers and
 *       registry views.
 *   <li>{@link dev.baton.flink.HealthReporterFactory}: a metric reporter keeping an ephemeral
 *       health node per JobManager and TaskManager.
 *   <li>{@link dev.baton.flink.JobStatusListenerFactory}: each job's status transitions in
 *       ZooKeeper.
 * </ul>
 */
@NullMarked
package dev.baton.flink;

import org.jspecify.annotations.NullMarked;
