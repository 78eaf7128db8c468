package dev.braeburn.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.spec.OperationKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates {@code access-policy.json}. Jackson rejects unknown fields, and every role
 * name is checked against the spec's {@code UserRole} enum, so a typo in the policy fails at startup
 * instead of silently refusing (or allowing) a role.
 */
final class AccessPolicyReader {
  /** The file's shape; field names are the JSON keys. */
  record PolicyFile(
      String description,
      List<String> matchOrder,
      Map<String, String> roleAliases,
      List<GroupFile> groups,
      @JsonProperty("default") List<GroupFile> defaults) {}

  record GroupFile(
      String name, String why, List<String> access, List<MatcherFile> match, List<String> roles, Boolean individualKeys) {}

  record MatcherFile(List<String> types, List<String> prefixes, List<String> kinds) {}

  /** The validated policy: where to look first, the ordered groups, and the default groups. */
  record Parsed(List<String> matchOrder, List<AccessGroup> groups, List<AccessGroup> defaults) {}

  private final Set<String> knownRoles;
  private final Set<String> unknownRoles = new TreeSet<>();
  private Map<String, String> aliases = Map.of();

  AccessPolicyReader(Set<String> knownRoles) {
    this.knownRoles = Set.copyOf(knownRoles);
  }

  Parsed read(InputStream json) {
    PolicyFile file;
    try {
      file = new ObjectMapper().readValue(json, PolicyFile.class);
    } catch (IOException e) {
      throw new IllegalStateException("access policy is not valid JSON of the expected shape: " + e.getMessage(), e);
    }
    aliases = file.roleAliases() == null ? Map.of() : file.roleAliases();
    aliases.forEach((alias, role) -> checkRoles(List.of(alias, role)));
    List<String> order = file.matchOrder() == null ? List.of("subject", "target") : file.matchOrder();
    require(Set.of("subject", "target").containsAll(order) && !order.isEmpty(), "matchOrder must list subject and/or target");
    List<AccessGroup> groups = convert(file.groups(), false);
    List<AccessGroup> defaults = convert(file.defaults(), true);
    if (!unknownRoles.isEmpty()) {
      throw new IllegalStateException("access policy names unknown roles " + unknownRoles + "; known roles are " + new TreeSet<>(knownRoles));
    }
    require(defaults.stream().anyMatch(g -> g.reads()) && defaults.stream().anyMatch(g -> g.writes()),
        "the default groups must cover both read and write");
    return new Parsed(List.copyOf(order), groups, defaults);
  }

  private List<AccessGroup> convert(List<GroupFile> files, boolean isDefault) {
    require(files != null, (isDefault ? "default" : "groups") + " missing");
    List<AccessGroup> out = new ArrayList<>();
    for (GroupFile g : files) {
      require(g.name() != null && !g.name().isBlank(), "a group has no name");
      require(g.access() != null && Set.of("read", "write").containsAll(g.access()) && !g.access().isEmpty(),
          "group '" + g.name() + "': access must be read and/or write");
      require(g.roles() != null && !g.roles().isEmpty(), "group '" + g.name() + "' allows no roles");
      List<MatcherFile> match = g.match() == null ? List.of() : g.match();
      require(isDefault == match.isEmpty(), "group '" + g.name() + (isDefault ? "': default groups match everything" : "' matches nothing"));
      checkRoles(g.roles());
      out.add(new AccessGroup(g.name(), g.why(), g.access().contains("read"), g.access().contains("write"),
          match.stream().map(m -> matcher(g.name(), m)).toList(), withAliases(g.roles()),
          g.individualKeys() == null || g.individualKeys()));
    }
    return List.copyOf(out);
  }

  private static TypeMatcher matcher(String group, MatcherFile m) {
    List<String> types = m.types() == null ? List.of() : m.types();
    List<String> prefixes = m.prefixes() == null ? List.of() : m.prefixes();
    require(!types.isEmpty() || !prefixes.isEmpty(), "group '" + group + "' has a matcher without types or prefixes");
    Set<OperationKind> kinds = new LinkedHashSet<>();
    for (String kind : m.kinds() == null ? List.<String>of() : m.kinds()) {
      try {
        kinds.add(OperationKind.valueOf(kind));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("group '" + group + "' names unknown operation kind " + kind, e);
      }
    }
    return new TypeMatcher(Set.copyOf(types), prefixes, kinds);
  }

  /** Each listed role followed by the roles aliased to it (transitively): ADMIN, ACCOUNT_HOLDER. */
  private Set<String> withAliases(List<String> roles) {
    Set<String> out = new LinkedHashSet<>();
    roles.forEach(role -> addWithAliases(role, out));
    return out;
  }

  private void addWithAliases(String role, Set<String> out) {
    if (out.add(role)) {
      aliases.forEach((alias, target) -> {
        if (target.equals(role)) {
          addWithAliases(alias, out);
        }
      });
    }
  }

  private void checkRoles(List<String> roles) {
    roles.stream().filter(r -> !knownRoles.contains(r)).forEach(unknownRoles::add);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("access policy is not valid: " + message);
    }
  }
}
