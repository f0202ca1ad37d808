package dev.baton;

/**
 * Who may read and change the nodes a coordinator creates, when no custom {@code ACLProvider} is
 * given to {@link CoordinatorBuilder#aclProvider}.
 *
 * @since 0.1
 */
public enum AclMode {
  /** Anyone may read and change every node (ZooKeeper's {@code OPEN_ACL_UNSAFE}). The default. */
  OPEN,
  /**
   * Anyone may read; only the creator's authenticated identity may change or delete (ZooKeeper's
   * {@code CREATOR_ALL_ACL} plus world read). Needs authentication, e.g. {@link
   * CoordinatorBuilder#digestAuth}.
   */
  WORLD_READ_CREATOR_WRITE
}
