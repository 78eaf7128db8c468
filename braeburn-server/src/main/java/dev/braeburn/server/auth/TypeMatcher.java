package dev.braeburn.server.auth;

import dev.braeburn.spec.OperationKind;
import java.util.List;
import java.util.Set;

/**
 * One matcher of an access-policy group: resource type names, type-name prefixes (families such as
 * {@code gameCenter…}, whose members Apple keeps adding), and optionally the operation kinds it is
 * limited to (a build's own UPDATE is delivery, its relationship edits are TestFlight).
 */
public record TypeMatcher(Set<String> types, List<String> prefixes, Set<OperationKind> kinds) {
  public TypeMatcher {
    types = Set.copyOf(types);
    prefixes = List.copyOf(prefixes);
    kinds = Set.copyOf(kinds);
  }

  /** Whether an operation of this kind on (or targeting) this resource type is matched. */
  public boolean matches(String type, OperationKind kind) {
    if (!kinds.isEmpty() && !kinds.contains(kind)) {
      return false;
    }
    return types.contains(type) || prefixes.stream().anyMatch(type::startsWith);
  }
}
