/**
 * Baton's entry point: {@link dev.baton.Coordinator}, one per ZooKeeper session, and the types
 * every recipe shares (connection states, listener handles, guards and the {@link
 * dev.baton.CoordinationException} family).
 *
 * <p>Recipes live in their own packages ({@code dev.baton.config}, {@code dev.baton.registry},
 * {@code dev.baton.election}, {@code dev.baton.lock}) and are reached through the coordinator.
 */
@NullMarked
package dev.baton;

import org.jspecify.annotations.NullMarked;
