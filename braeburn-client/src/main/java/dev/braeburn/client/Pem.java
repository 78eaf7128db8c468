package dev.braeburn.client;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PKCS#8 PEM inside an App Store Connect {@code AuthKey_<KEYID>.p8} file.
 *
 * <p>A file copied between machines or pasted into a CI secret goes wrong in a handful of
 * recognisable ways (truncated, wrong PEM type, a certificate instead of a key); each gets a
 * message that says what was found and what was expected, rather than a bare
 * {@code InvalidKeySpecException}.
 */
final class Pem {
  private static final Pattern ARMOUR = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern ANY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

  private Pem() {}

  /** The EC private key in {@code pem}; bare Base64 of the DER (no armour lines) is accepted too. */
  static ECPrivateKey ecPrivateKey(String pem) {
    byte[] der = pkcs8Der(pem);
    PrivateKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the PEM holds no PKCS#8 EC private key (is it an AuthKey_<KEYID>.p8 file?): " + e.getMessage(), e);
    }
    return (ECPrivateKey) key;
  }

  private static byte[] pkcs8Der(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("the private key PEM is empty");
    }
    String body = body(pem);
    try {
      return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the private key PEM body is not valid Base64: " + e.getMessage(), e);
    }
  }

  private static String body(String pem) {
    Matcher armoured = ARMOUR.matcher(pem);
    if (armoured.find()) {
      return checkType(armoured.group(1), armoured.group(2));
    }
    Matcher begin = ANY_BEGIN.matcher(pem);
    if (begin.find()) {
      throw new IllegalArgumentException(
          "the PEM has '-----BEGIN " + begin.group(1) + "-----' but no matching END line; is it truncated?");
    }
    if (pem.contains("-----")) {
      throw new IllegalArgumentException("the PEM has no '-----BEGIN PRIVATE KEY-----' line");
    }
    return pem;
  }

  private static String checkType(String type, String body) {
    switch (type) {
      case "PRIVATE KEY":
        return body;
      case "EC PRIVATE KEY":
        throw new IllegalArgumentException("the PEM is a SEC1 'EC PRIVATE KEY'; App Store Connect keys are PKCS#8"
            + " ('BEGIN PRIVATE KEY'). Convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
      case "ENCRYPTED PRIVATE KEY":
        throw new IllegalArgumentException(
            "the PEM is an encrypted private key; decrypt it first (openssl pkcs8 -in key.pem -nocrypt)");
      default:
        throw new IllegalArgumentException("the PEM holds a '" + type + "', not a 'PRIVATE KEY' (PKCS#8)");
    }
  }
}
