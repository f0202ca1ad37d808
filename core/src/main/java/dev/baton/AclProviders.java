package dev.baton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/** The ACL providers behind {@link AclMode}. */
final class AclProviders {
  private AclProviders() {}

  static ACLProvider of(AclMode mode) {
    List<ACL> acl =
        switch (mode) {
          case OPEN -> ZooDefs.Ids.OPEN_ACL_UNSAFE;
          case WORLD_READ_CREATOR_WRITE -> {
            List<ACL> l = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
            l.addAll(ZooDefs.Ids.READ_ACL_UNSAFE);
            // Not List.copyOf: ZooKeeper's create asks the list contains(null), which an
            // immutable list of Java's answers with a NullPointerException.
            yield Collections.unmodifiableList(l);
          }
        };
    return new ACLProvider() {
      @Override
      public List<ACL> getDefaultAcl() {
        return acl;
      }

      @Override
      public List<ACL> getAclForPath(String path) {
        return acl;
      }
    };
  }
}
