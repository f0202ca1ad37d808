/**
 * Leader election with epochs: one participant of an election leads at a time, and its {@link
 * dev.baton.election.Leadership#epoch()} (the czxid of its node) is larger than that of every
 * earlier leader, so it doubles as a fencing token. Made by {@code coord.leaderElection(name)}.
 */
@NullMarked
package dev.baton.election;

import org.jspecify.annotations.NullMarked;
