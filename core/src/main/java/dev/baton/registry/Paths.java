package dev.baton.registry;

/** The registry's node layout, relative to the coordinator's namespace. */
final class Paths {
  /** Parent of every service node. */
  static final String ROOT = "/services";

  private Paths() {}

  static String service(String name) {
    return ROOT + "/" + name;
  }

  static String instance(String name, String id) {
    return ROOT + "/" + name + "/" + id;
  }
}
