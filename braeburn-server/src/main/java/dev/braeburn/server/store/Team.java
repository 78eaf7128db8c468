package dev.braeburn.server.store;

import java.time.Instant;

/** A tenant: what App Store Connect calls a team (a provider), identified by its issuer ID. */
public record Team(String issuerId, String name, Instant createdAt) {}
