package dev.braeburn.server.family.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Apple's webhook signature (reports-webhooks.md §4.4): header {@code x-apple-signature:
 * hmacsha256=<hex>}, the lower-case hex HMAC-SHA256 of the raw body bytes keyed with the webhook's
 * secret (UTF-8).
 */
final class Signature {
  static final String HEADER = "x-apple-signature";

  private Signature() {}

  static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "hmacsha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
