package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.client.AppStoreServerAPIClient;
import com.apple.itunes.storekit.model.CheckTestNotificationResponse;
import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.SendAttemptItem;
import com.apple.itunes.storekit.model.SendAttemptResult;
import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks and App Store Server Notifications to receivers over https (docs/https-and-proxy.md
 * "Receivers over https"). Braeburn trusts the JDK's CAs plus the PEM file of {@code serve
 * --trust-receivers}; here that file holds a local CA (as mkcert makes) and one self-signed
 * receiver certificate. A receiver whose certificate chains to neither is Apple's {@code TLS_ISSUE}
 * for a notification and a FAILED webhook delivery; so is a receiver below TLS 1.2, which Apple
 * requires of notification URLs. Certificates are made here with Bouncy Castle for 127.0.0.1.
 */
class HttpsReceiversAcceptanceTest {
  static final String LEDGERLY = "com.tidewaterlabs.ledgerly";
  static final String LEDGERLY_ID = "1600000002";
  static final String APP = "1600000001";
  static final String SECRET = "s3cret-for-https";
  static final AtomicLong SERIAL = new AtomicLong(1);
  static TestServer server;
  static Path dir;
  static JsonNode keyJson;
  static ApiKeyFile key;
  /** A receiver certificate issued by the local CA of the trusted file (what mkcert hands out). */
  static SSLContext fromLocalCa;
  /** A self-signed receiver certificate that is itself in the trusted file. */
  static SSLContext trustedSelfSigned;
  /** A self-signed receiver certificate Braeburn was not told about. */
  static SSLContext untrusted;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("braeburn-receivers");
    Issued localCa = Issued.selfSigned("Local Development CA", true);
    Issued trusted = Issued.selfSigned("trusted receiver", false);
    fromLocalCa = localCa.issue("127.0.0.1").serverContext();
    trustedSelfSigned = trusted.serverContext();
    untrusted = Issued.selfSigned("unknown receiver", false).serverContext();
    Path pem = dir.resolve("receivers.pem");
    Files.writeString(pem, localCa.pem() + trusted.pem());
    server = TestServer.start("demo", c -> c.withHourlyLimit(0).withTrustReceivers(pem));
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    keyJson = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    key = ApiKeyFile.fromPem(keyJson.path("keyId").asText(), keyJson.path("issuerId").asText(), keyJson.path("privateKey").asText());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    Files.deleteIfExists(dir.resolve("receivers.pem"));
    Files.deleteIfExists(dir);
  }

  // ------------------------------------------------------------ App Store Server Notifications

  @Test
  void aNotificationToAnUntrustedCertificateIsATlsIssue() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(untrusted, null)) {
      assertThat(testNotification(receiver)).containsExactly(SendAttemptResult.TLS_ISSUE);
      assertThat(receiver.count()).isZero();
    }
  }

  @Test
  void aNotificationToACertificateOfTheTrustedLocalCaSucceeds() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(fromLocalCa, null)) {
      assertThat(testNotification(receiver)).containsExactly(SendAttemptResult.SUCCESS);
      assertThat(receiver.next().json().path("signedPayload").asText()).isNotEmpty();
    }
  }

  @Test
  void aNotificationToAReceiverBelowTls12IsATlsIssue() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(fromLocalCa, new String[] {"TLSv1.1"})) {
      assertThat(testNotification(receiver)).containsExactly(SendAttemptResult.TLS_ISSUE);
      assertThat(receiver.count()).isZero();
    }
  }

  /** {@code POST /inApps/v1/notifications/test} through Apple's library, run, and its send attempts. */
  private static java.util.List<SendAttemptResult> testNotification(WebhookReceiver receiver) throws Exception {
    TestServer.Reply patched = server.send("PATCH", "/v1/apps/" + LEDGERLY_ID, "{\"data\":{\"type\":\"apps\",\"id\":\"" + LEDGERLY_ID
        + "\",\"attributes\":{\"subscriptionStatusUrlForSandbox\":\"" + receiver.url() + "\",\"subscriptionStatusUrlVersionForSandbox\":\"V2\"}}}");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    BraeburnClient client = new BraeburnClient();
    String token = client.requestTestNotification().getTestNotificationToken();
    runDue();
    CheckTestNotificationResponse status = client.getTestNotificationStatus(token);
    return status.getSendAttempts().stream().map(SendAttemptItem::getSendAttemptResult).toList();
  }

  /** Apple's client with one change: the base URL is Braeburn's. */
  static final class BraeburnClient extends AppStoreServerAPIClient {
    BraeburnClient() {
      super(keyJson.path("privateKey").asText(), key.keyId(), key.issuerId(), LEDGERLY, Environment.SANDBOX);
    }

    @Override
    protected String getUrlForEnvironment(Environment environment) {
      return server.baseUrl();
    }
  }

  // ------------------------------------------------------------ App Store Connect webhooks

  @Test
  void aWebhookToAnUntrustedCertificateIsAFailedDeliveryThatSaysWhy() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(untrusted, null)) {
      JsonNode delivery = pingAndFirstDelivery(receiver);
      assertThat(delivery.path("deliveryState").asText()).isEqualTo("FAILED");
      assertThat(delivery.path("errorMessage").asText()).contains("TLS handshake failed").contains("--trust-receivers");
      assertThat(delivery.path("response").isNull()).isTrue();
      assertThat(receiver.count()).isZero();
    }
  }

  @Test
  void aWebhookToATrustedSelfSignedCertificateSucceeds() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(trustedSelfSigned, null)) {
      JsonNode delivery = pingAndFirstDelivery(receiver);
      assertThat(delivery.path("deliveryState").asText()).as(delivery.toString()).isEqualTo("SUCCEEDED");
      assertThat(delivery.at("/response/httpStatusCode").asInt()).isEqualTo(200);
      assertThat(receiver.next().signatureValidFor(SECRET)).isTrue();
    }
  }

  private static JsonNode pingAndFirstDelivery(WebhookReceiver receiver) {
    TestServer.Reply created = server.send("POST", "/v1/webhooks",
        WebhookReceiver.createBody(APP, receiver.url(), SECRET, "BUILD_UPLOAD_STATE_UPDATED"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/data/id").asText();
    TestServer.Reply ping = server.send("POST", "/v1/webhookPings",
        "{\"data\":{\"type\":\"webhookPings\",\"relationships\":{\"webhook\":{\"data\":{\"type\":\"webhooks\",\"id\":\"" + id + "\"}}}}}");
    assertThat(ping.status()).as(ping.body()).isEqualTo(201);
    runDue();
    // a failed attempt is followed by a PENDING retry; the attempt made is the first
    return server.get("/v1/webhooks/" + id + "/deliveries").json().path("data").get(0).path("attributes");
  }

  private static void runDue() {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":0}", null).status()).isEqualTo(200);
  }

  /** A key pair and its certificate (EC P-256), for 127.0.0.1 and localhost unless a CA. */
  record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
    static Issued selfSigned(String name, boolean ca) throws Exception {
      KeyPair keys = ecKeys();
      return new Issued(keys, certificate(name, keys, name, keys.getPrivate(), ca), null);
    }

    Issued issue(String host) throws Exception {
      KeyPair leaf = ecKeys();
      String issuerName = certificate.getSubjectX500Principal().getName();
      return new Issued(leaf, certificate(host, leaf, issuerName, keys.getPrivate(), false), certificate);
    }

    SSLContext serverContext() throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      X509Certificate[] chain = issuer == null ? new X509Certificate[] {certificate} : new X509Certificate[] {certificate, issuer};
      store.setKeyEntry("receiver", keys.getPrivate(), "pw".toCharArray(), chain);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, "pw".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    }

    String pem() throws Exception {
      return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    }

    private static KeyPair ecKeys() throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      return g.generateKeyPair();
    }

    /** Valid from an hour ago for 30 days of wall time: the receiver's TLS check uses the real clock, not Braeburn's. */
    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey signer, boolean ca) throws Exception {
      Instant now = Instant.now();
      X500Name subjectName = subject.contains("=") ? new X500Name(subject) : new X500Name("CN=" + subject);
      X500Name issuerName = issuer.contains("=") ? new X500Name(issuer) : new X500Name("CN=" + issuer);
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.getAndIncrement()),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subjectName, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (!ca) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      }
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }
  }
}
