/**
 * Distributed locks with fencing tokens: a mutex ({@code coord.lock(name)}), a read/write lock
 * ({@code coord.readWriteLock(name)}) and a counting semaphore ({@code coord.semaphore(name,
 * permits)}), each handing out {@link dev.baton.lock.LockLease}s that say when they are lost and
 * carry a token a downstream store can use to refuse a stale holder.
 *
 * <p>Every lock is a queue of ephemeral-sequential nodes; a waiter watches only the node that must
 * go before it can hold (the semaphore's waiters watch the queue), so releasing wakes one waiter,
 * not all of them.
 */
@NullMarked
package dev.baton.lock;

import org.jspecify.annotations.NullMarked;
