package dev.braeburn.server.store;

import java.time.Instant;

/**
 * A tenant: what App Store Connect calls a team (a provider), identified by its issuer ID. {@code
 * agreementsMissing} plays the Account Holder not having accepted the current Program License
 * Agreement, which at Apple blocks every request of the team (protocol.md §2.2).
 */
public record Team(String issuerId, String name, Instant createdAt, boolean agreementsMissing) {}
