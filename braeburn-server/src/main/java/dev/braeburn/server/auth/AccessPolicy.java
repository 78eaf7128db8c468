package dev.braeburn.server.auth;

import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Relationship;
import dev.braeburn.spec.ResourceType;
import dev.braeburn.spec.Schema;
import dev.braeburn.spec.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which key roles may call which operation — App Store Connect's role rules, kept as data in
 * {@code access-policy.json} because Apple publishes no matrix and the empirical one (protocol.md
 * §2.2) will be corrected as evidence comes in. Every operation of the spec is assigned its
 * governing group once, at load time, so {@link #decide} — run on every request — is a map lookup
 * and a role-set check.
 */
public final class AccessPolicy {
  static final String RESOURCE = "access-policy.json";

  private final Spec spec;
  private final List<String> matchOrder;
  private final List<AccessGroup> groups;
  private final List<AccessGroup> defaults;
  private final Map<String, AccessGroup> byOperation = new HashMap<>();

  private AccessPolicy(Spec spec, AccessPolicyReader.Parsed parsed) {
    this.spec = spec;
    this.matchOrder = parsed.matchOrder();
    this.groups = parsed.groups();
    this.defaults = parsed.defaults();
    spec.operations().forEach(op -> byOperation.put(op.id(), classify(op)));
  }

  /** The policy shipped with Braeburn, validated against the spec's role names. */
  public static AccessPolicy load(Spec spec) {
    try (InputStream in = AccessPolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("access policy missing: " + RESOURCE);
      }
      return load(spec, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A policy from any JSON of the same shape (tests, or an operator's override). */
  public static AccessPolicy load(Spec spec, InputStream json) {
    return new AccessPolicy(spec, new AccessPolicyReader(knownRoles(spec)).read(json));
  }

  /** Whether this caller may perform this operation, and why not when it may not. */
  public AccessDecision decide(Principal principal, Operation op) {
    AccessGroup group = byOperation.get(op.id());
    if (group == null) {
      group = classify(op);
    }
    if (principal.individual() && !group.individualKeys()) {
      return AccessDecision.refuse(group.name(), "individual keys may not call " + group.name() + " endpoints ("
          + call(op) + "); use a team key");
    }
    if (group.allows(principal.roles())) {
      return AccessDecision.allow(group.name());
    }
    return AccessDecision.refuse(group.name(), refusal(principal, op, group));
  }

  /** The matched groups in precedence order, then the default groups. */
  public List<AccessGroup> groups() {
    List<AccessGroup> all = new ArrayList<>(groups);
    all.addAll(defaults);
    return List.copyOf(all);
  }

  /**
   * The group governing an operation: the first group (in file order) whose direction fits and
   * whose matchers claim the operation's subject type, then likewise for the relationship's target
   * type (or the other way round, as {@code matchOrder} says), else the first fitting default.
   * Looking at the target lets {@code GET /v1/apps/{id}/customerReviews} be a customer-review read
   * while subject-first keeps {@code GET /v1/users/{id}/visibleApps} a users read.
   */
  private AccessGroup classify(Operation op) {
    boolean read = op.kind().isRead();
    for (String where : matchOrder) {
      String type = "subject".equals(where) ? op.type() : targetType(op);
      if (type == null) {
        continue;
      }
      for (AccessGroup group : groups) {
        if (group.governs(read) && group.matches(type, op.kind())) {
          return group;
        }
      }
    }
    return defaults.stream().filter(g -> g.governs(read)).findFirst().orElseThrow();
  }

  /** The resource type a related or relationship path leads to, or null (also when unmodelled). */
  private String targetType(Operation op) {
    if (op.relationship() == null) {
      return null;
    }
    ResourceType subject = spec.resourceType(op.type());
    Relationship rel = subject == null ? null : subject.relationship(op.relationship());
    return rel == null ? null : rel.target();
  }

  private static String refusal(Principal principal, Operation op, AccessGroup group) {
    Set<String> held = new TreeSet<>(principal.roles());
    String who = held.isEmpty() ? "a key with no roles"
        : (held.size() == 1 ? "role " : "roles ") + String.join(", ", held);
    return who + " may not call " + call(op) + " (policy group '" + group.name() + "'); "
        + String.join(", ", group.roles()) + " may";
  }

  private static String call(Operation op) {
    return op.method() + " " + op.path();
  }

  /** The 13 values of the spec's {@code UserRole} enum — the only role names a policy may use. */
  private static Set<String> knownRoles(Spec spec) {
    Schema userRole = spec.schema("UserRole");
    if (userRole == null || userRole.enumValues() == null) {
      throw new IllegalStateException("the spec has no UserRole enum to validate the access policy against");
    }
    return Set.copyOf(userRole.enumValues());
  }
}
