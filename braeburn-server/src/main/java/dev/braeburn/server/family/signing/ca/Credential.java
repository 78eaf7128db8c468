package dev.braeburn.server.family.signing.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate of Braeburn's authority with its private key: what signs what it issues. */
public record Credential(X509Certificate certificate, PrivateKey privateKey) {}
