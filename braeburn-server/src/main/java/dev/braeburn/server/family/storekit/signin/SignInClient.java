package dev.braeburn.server.family.storekit.signin;

/** Who a verified client secret speaks for: the team (issuer ID and Team ID), the key that signed it, and the client_id. */
record SignInClient(String issuerId, String teamId, String keyId, String clientId) {}
