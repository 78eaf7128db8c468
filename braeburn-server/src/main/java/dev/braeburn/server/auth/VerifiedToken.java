package dev.braeburn.server.auth;

import java.time.Instant;

/**
 * A token whose signature, key and claims checked out: who it speaks for, when it expires, and the
 * requests its {@code scope} restricts it to ({@link TokenScope#UNRESTRICTED} without a scope).
 * Cached until {@code expiresAt}; what can change meanwhile (revocation, the request it is used
 * for) is checked on every request.
 *
 * <p>{@code bundleId} is an App Store Server API token's {@code bid} claim (null when absent, and
 * always for App Store Connect, whose tokens never carry one).
 */
public record VerifiedToken(Principal principal, Instant expiresAt, TokenScope scope, String bundleId) {}
