package dev.baton;

/**
 * Removes the listener it was returned for. Closing it twice is harmless.
 *
 * <pre>{@code
 * ListenerHandle handle = coordinator.addConnectionListener(event -> log(event));
 * ...
 * handle.close(); // the listener hears nothing more
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ListenerHandle extends AutoCloseable {
  /** Removes the listener; after this returns it is not called again. */
  @Override
  void close();
}
