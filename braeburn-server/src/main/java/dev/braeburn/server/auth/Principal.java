package dev.braeburn.server.auth;

/** Who is calling: the team (issuer ID), the key, its role, and whether it is an individual key. */
public record Principal(String issuerId, String keyId, String role, boolean individual) {}
