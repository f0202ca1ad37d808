/**
 * Mechanism shared by Baton's recipe packages: listener dispatch, name and path checks, thread
 * naming and ZooKeeper error translation. Public only so that the recipe packages can reach it; not
 * an API: it may change in any release.
 */
@NullMarked
package dev.baton.internal;

import org.jspecify.annotations.NullMarked;
