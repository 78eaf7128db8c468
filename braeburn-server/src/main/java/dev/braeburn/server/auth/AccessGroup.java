package dev.braeburn.server.auth;

import dev.braeburn.spec.OperationKind;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the access policy: the operations it claims (by matcher and access direction) and who
 * may call them. {@code roles} is already expanded with role aliases, in the order a refusal lists
 * them; {@code individualKeys} is false where Apple refuses individual keys whatever their roles.
 * Default groups have no matchers and take every operation of their direction left unclaimed.
 */
public record AccessGroup(
    String name,
    String why,
    boolean reads,
    boolean writes,
    List<TypeMatcher> matchers,
    Set<String> roles,
    boolean individualKeys) {

  public AccessGroup {
    matchers = List.copyOf(matchers);
    roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
  }

  /** Whether the group governs reads (GET) or writes (POST, PATCH, DELETE). */
  public boolean governs(boolean read) {
    return read ? reads : writes;
  }

  /** Whether any matcher claims this resource type for this kind of operation. */
  public boolean matches(String type, OperationKind kind) {
    return matchers.stream().anyMatch(m -> m.matches(type, kind));
  }

  /** Whether a caller holding these roles is allowed: any one of them suffices. */
  public boolean allows(Set<String> callerRoles) {
    for (String role : callerRoles) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }
}
