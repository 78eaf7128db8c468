package dev.braeburn.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An App Store Connect API key as Apple (or Braeburn) hands it out: the key id, the issuer id of
 * the team for a team key, and the P-256 private key from the one-time {@code AuthKey_<KEYID>.p8}
 * download.
 *
 * <p>Team keys and individual keys differ only in the token they sign: a team key names its team
 * with {@code "iss"}, an individual key says {@code "sub": "user"} and must not carry {@code iss}.
 * So the issuer id is optional here, and its absence is what makes a key individual.
 *
 * <p>The key id is not checked against Apple's 10-character shape: a self-hosted server may issue
 * others, and the server is the one to judge.
 */
public final class ApiKeyFile {
  /** Apple's download name; the key id is the only place it is written down besides the web UI. */
  private static final Pattern FILE_NAME = Pattern.compile("AuthKey_([A-Za-z0-9]+)\\.p8");

  private final String keyId;
  private final String issuerId;
  private final ECPrivateKey privateKey;

  private ApiKeyFile(String keyId, String issuerId, ECPrivateKey privateKey) {
    this.keyId = keyId;
    this.issuerId = issuerId;
    this.privateKey = privateKey;
  }

  /**
   * A key whose private key is already loaded. {@code issuerIdOrNull} is the team's issuer id, or
   * null for an individual key.
   *
   * @throws IllegalArgumentException if the key id or issuer id is blank, or the key is not an EC
   *     key on P-256 (ES256 allows no other curve)
   */
  public static ApiKeyFile of(String keyId, String issuerIdOrNull, PrivateKey privateKey) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(privateKey, "privateKey");
    if (keyId.isBlank()) {
      throw new IllegalArgumentException("the key id is blank");
    }
    if (issuerIdOrNull != null && issuerIdOrNull.isBlank()) {
      throw new IllegalArgumentException("the issuer id is blank; pass null for an individual key");
    }
    return new ApiKeyFile(keyId, issuerIdOrNull, requireP256(privateKey));
  }

  /** A key from the PKCS#8 PEM text of a {@code .p8} file. */
  public static ApiKeyFile fromPem(String keyId, String issuerIdOrNull, String pem) {
    return of(keyId, issuerIdOrNull, Pem.ecPrivateKey(pem));
  }

  /** A key from a {@code .p8} file, whatever its name. */
  public static ApiKeyFile fromFile(Path p8, String keyId, String issuerIdOrNull) throws IOException {
    return fromPem(keyId, issuerIdOrNull, Files.readString(p8, StandardCharsets.US_ASCII));
  }

  /**
   * A key from a file still named as Apple names the download, {@code AuthKey_<KEYID>.p8}; the
   * key id is taken from the name.
   *
   * @throws IllegalArgumentException if the file name does not have that shape
   */
  public static ApiKeyFile fromFile(Path p8, String issuerIdOrNull) throws IOException {
    return fromFile(p8, keyIdFromFileName(p8), issuerIdOrNull);
  }

  /** The key id in a file name of the form {@code AuthKey_<KEYID>.p8}. */
  public static String keyIdFromFileName(Path p8) {
    Path name = p8.getFileName();
    Matcher m = FILE_NAME.matcher(name == null ? "" : name.toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot take the key id from the file name '" + name
          + "': expected AuthKey_<KEYID>.p8; pass the key id explicitly");
    }
    return m.group(1);
  }

  /**
   * The private key in a PKCS#8 PEM (a {@code .p8} file's text), for callers that keep key id and
   * issuer elsewhere.
   *
   * @throws IllegalArgumentException if the PEM is malformed or holds no P-256 private key
   */
  public static ECPrivateKey readPrivateKey(String pem) {
    return requireP256(Pem.ecPrivateKey(pem));
  }

  /** A builder for a token signed by this key, with App Store Connect's defaults. */
  public TokenBuilder token() {
    return new TokenBuilder(this);
  }

  public String keyId() {
    return keyId;
  }

  /** The team's issuer id, or null for an individual key. */
  public String issuerId() {
    return issuerId;
  }

  /** True for an individual key (no issuer id): its tokens carry {@code sub: "user"}, not {@code iss}. */
  public boolean isIndividual() {
    return issuerId == null;
  }

  public ECPrivateKey privateKey() {
    return privateKey;
  }

  /** Never prints the private key, so a key can be logged safely. */
  @Override
  public String toString() {
    return "ApiKeyFile[keyId=" + keyId + (isIndividual() ? ", individual" : ", issuerId=" + issuerId) + "]";
  }

  private static ECPrivateKey requireP256(PrivateKey key) {
    if (!(key instanceof ECPrivateKey)) {
      throw new IllegalArgumentException("the private key is " + key.getAlgorithm() + "; ES256 needs an EC key on P-256");
    }
    ECPrivateKey ec = (ECPrivateKey) key;
    if (!sameCurve(ec.getParams(), P256.PARAMS)) {
      throw new IllegalArgumentException("the EC private key is not on P-256 (secp256r1), the only curve ES256 allows");
    }
    return ec;
  }

  private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
    return a != null && a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
        && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
  }

  /** Holder so the curve parameters are looked up once, on first use. */
  private static final class P256 {
    static final ECParameterSpec PARAMS = lookUp();

    private static ECParameterSpec lookUp() {
      try {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        return params.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK does not know the P-256 curve", e);
      }
    }
  }
}
