package dev.baton.internal;

import dev.baton.Coordinator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one coordinator shares with the recipes made through it, kept off its public face: the
 * resources it closes (newest first), and its shared parts (a config watch registry, a session
 * clock, open locks, the service registry), one per type, made on first use and closed with it.
 *
 * <p>The recipe packages reach a coordinator's parts through {@link #of(Coordinator)}; the
 * coordinator installs that accessor when its class is initialized, which has happened before
 * anyone holds a coordinator. Thread-safe.
 */
public final class Parts {
  private static volatile @Nullable Function<Coordinator, Parts> access;

  private final String owner;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>(); // guarded by this
  private final Map<Class<?>, AutoCloseable> shared = new HashMap<>(); // guarded by this
  private boolean closed; // guarded by this

  /**
   * Creates the parts of one coordinator.
   *
   * @param owner the coordinator's description, for error messages
   */
  public Parts(String owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /**
   * Installs the accessor from a coordinator to its parts; only {@link Coordinator} calls this,
   * once.
   *
   * @param accessor the accessor
   * @throws IllegalStateException if one is installed already
   */
  public static synchronized void install(Function<Coordinator, Parts> accessor) {
    if (access != null) {
      throw new IllegalStateException("the coordinator accessor is installed already");
    }
    access = Objects.requireNonNull(accessor, "accessor");
  }

  /**
   * The parts of {@code coordinator}.
   *
   * @param coordinator the coordinator
   * @return its parts
   */
  public static Parts of(Coordinator coordinator) {
    Objects.requireNonNull(coordinator, "coordinator");
    return Objects.requireNonNull(access, "coordinator accessor").apply(coordinator);
  }

  /**
   * Throws if the coordinator is closed.
   *
   * @throws IllegalStateException if closed
   */
  public synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("coordinator " + owner + " is closed");
    }
  }

  /** {@return whether the coordinator is closed} */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Ties {@code resource} to the coordinator: it is closed when the coordinator closes, newest
   * first.
   *
   * @param resource the resource
   * @param <R> its type
   * @return {@code resource}
   * @throws IllegalStateException if the coordinator is closed
   */
  public synchronized <R extends AutoCloseable> R manage(R resource) {
    Objects.requireNonNull(resource, "resource");
    checkOpen();
    resources.push(resource);
    return resource;
  }

  /**
   * Unties a resource (or shared part) that closed on its own; a shared part is made again on next
   * use.
   *
   * @param resource the resource
   * @return whether it was tied
   */
  public synchronized boolean unmanage(AutoCloseable resource) {
    shared.values().removeIf(p -> p == resource);
    return resources.removeFirstOccurrence(resource);
  }

  /**
   * The coordinator's part of type {@code type}, made by {@code create} on first use and tied to
   * the coordinator (so {@code create} must not {@linkplain #manage manage} it too).
   *
   * @param type the part's type, its key
   * @param create makes the part
   * @param <P> the part's type
   * @return the part
   * @throws IllegalStateException if the coordinator is closed
   */
  public synchronized <P extends AutoCloseable> P shared(
      Class<P> type, Supplier<? extends P> create) {
    checkOpen();
    AutoCloseable part = shared.get(type);
    if (part == null) {
      // Not computeIfAbsent: a part's constructor may ask for another part.
      P made = create.get();
      shared.put(type, made);
      resources.push(made);
      return made;
    }
    return type.cast(part);
  }

  /**
   * Marks the coordinator closed and hands over what to close.
   *
   * @return every tied resource, newest first; null if already closed
   */
  public synchronized @Nullable List<AutoCloseable> close() {
    if (closed) {
      return null;
    }
    closed = true;
    List<AutoCloseable> toClose = new ArrayList<>(resources);
    resources.clear();
    shared.clear();
    return toClose;
  }
}
