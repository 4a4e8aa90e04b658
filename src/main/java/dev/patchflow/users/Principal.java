package dev.patchflow.users;

import java.util.Map;
import java.util.Set;

/**
 * Who is asking, and what they may do: global roles, and roles per project id.
 * {@link #ANONYMOUS} may only read.
 */
public record Principal(long userId, String username, Set<Role> globalRoles, Map<Long, Set<Role>> projectRoles) {
  public static final Principal ANONYMOUS = new Principal(0, null, Set.of(), Map.of());

  public boolean authenticated() {
    return userId != 0;
  }

  public boolean isAdmin() {
    return globalRoles.contains(Role.ADMIN);
  }

  /** Holds the role for this project (or everywhere), or is an admin. */
  public boolean has(Role role, long projectId) {
    return isAdmin() || globalRoles.contains(role) || projectRoles.getOrDefault(projectId, Set.of()).contains(role);
  }

  /** Holds the role for some project (or everywhere). */
  public boolean hasAnywhere(Role role) {
    return isAdmin() || globalRoles.contains(role) || projectRoles.values().stream().anyMatch(s -> s.contains(role));
  }
}
