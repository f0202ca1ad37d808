/**
 * Service registry: processes announce themselves with {@link
 * dev.baton.registry.ServiceRegistry#register(ServiceInstance)} and find their peers through a
 * cached, listened {@link dev.baton.registry.ServiceView} with {@linkplain
 * dev.baton.registry.InstanceSelector selectors}.
 *
 * <p>Reached through {@code coordinator.registry()}. Each instance is an ephemeral node {@code
 * /services/<name>/<id>} (relative to the coordinator's namespace) holding a JSON payload; see
 * {@code docs/registry.md} for the layout and format.
 */
@NullMarked
package dev.baton.registry;

import org.jspecify.annotations.NullMarked;
