package dev.braeburn.server.auth;

import java.util.Set;

/**
 * Who is calling: the team (issuer ID), the key, its roles, and whether it is an individual key. A
 * team key has exactly one role (Apple lets you pick one when creating it); an individual key has
 * the roles of the user it belongs to (protocol.md §1.4, §2.1).
 */
public record Principal(String issuerId, String keyId, Set<String> roles, boolean individual) {
  public Principal {
    roles = Set.copyOf(roles);
  }
}
