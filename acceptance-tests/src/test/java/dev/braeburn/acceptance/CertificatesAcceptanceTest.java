package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.store.Team;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/certificates} issues a real certificate from a CSR (provisioning.md §3.1–3.5,
 * docs/signing.md "Certificates"): the three csrContent encodings clients send, the issued
 * certificate's key, subject, issuer, extensions and validity, its chain to Braeburn's published
 * roots (JDK and openssl), the per-type cap's recorded 409, a bad CSR's inferred 409, and revoke.
 */
class CertificatesAcceptanceTest extends DemoServerTest {
  private static final String APPLE = "1.2.840.113635.100.";

  private TestServer.Reply create(String type, String csrContent) {
    return server.send("POST", "/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":{\"certificateType\":\"" + type
        + "\",\"csrContent\":\"" + csrContent.replace("\n", "\\n") + "\"}}}");
  }

  private JsonNode created(String type, String csrContent) {
    TestServer.Reply r = create(type, csrContent);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  private static X509Certificate certificate(JsonNode data) throws Exception {
    return CaChains.certificate(data);
  }


  @Test
  void everyCsrEncodingGetsACertificateForItsKeyThatChainsToTheRoots() throws Exception {
    KeyPair key = Csrs.rsa(2048);
    String pem = Csrs.pem(key);
    Base64.Encoder b64 = Base64.getEncoder();
    Team team = server.server.store().team(server.issuerId).orElseThrow();
    // §3.1: the PEM text, base64 of the PEM, base64 of the DER — three IOS_DISTRIBUTION certificates, the cap
    for (String csr : List.of(pem, b64.encodeToString(pem.getBytes(StandardCharsets.US_ASCII)), b64.encodeToString(Csrs.der(key)))) {
      JsonNode data = created("IOS_DISTRIBUTION", csr);
      X509Certificate cert = certificate(data);
      assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
      JsonNode a = data.path("attributes");
      assertThat(a.path("certificateType").asText()).isEqualTo("IOS_DISTRIBUTION");
      assertThat(a.path("platform").asText()).isEqualTo("IOS");
      assertThat(a.path("name").asText()).isEqualTo("iOS Distribution: Created via API");
      assertThat(a.path("displayName").asText()).isEqualTo("Created via API");
      assertThat(a.path("activated").asBoolean()).isTrue();
      assertThat(a.path("serialNumber").asText()).isEqualTo(cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT)).matches("[0-9A-F]+");
      assertThat(a.path("expirationDate").asText()).isEqualTo(cert.getNotAfter().toInstant().toString());
      // §3.3: subject UID, CN, OU, O, C in that order; the team's name and team ID, not the CSR's CN=PEM
      X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
      assertThat(rdns(subject)).containsExactly("UID=" + team.teamId(), "CN=iPhone Distribution: " + team.name() + " (" + team.teamId() + ")",
          "OU=" + team.teamId(), "O=" + team.name(), "C=US");
      assertThat(cert.getIssuerX500Principal().getName()).contains("CN=Braeburn Worldwide Developer Relations Certification Authority")
          .contains("OU=G3");
      assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
          .isEqualTo(Duration.between(cert.getNotBefore().toInstant(),
              cert.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).plusYears(1).minusSeconds(1).toInstant()));
      assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
      assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.37", "2.5.29.15", "2.5.29.19");
      assertThat(cert.getNonCriticalExtensionOIDs()).contains(APPLE + "6.1.4"); // inferred deviation: not critical
      assertThat(cert.getExtensionValue(APPLE + "6.1.4")).containsExactly(4, 2, 5, 0); // OCTET STRING { NULL }
      assertThat(cert.getKeyUsage()[0]).isTrue();
      verify(cert);
    }
  }

  @Test
  void developmentAndDeveloperIdCertificatesNameTheirOwnerAndIssuer() throws Exception {
    Team team = server.server.store().team(server.issuerId).orElseThrow();
    X509Certificate dev = certificate(created("DEVELOPMENT", Csrs.pem(Csrs.SHARED)));
    List<String> rdns = rdns(X500Name.getInstance(dev.getSubjectX500Principal().getEncoded()));
    String uid = rdns.getFirst().substring(4);
    assertThat(uid).matches("[A-Z0-9]{10}").isNotEqualTo(team.teamId());
    assertThat(rdns.get(1)).isEqualTo("CN=Apple Development: Created via API (" + uid + ")");
    assertThat(rdns.subList(2, 5)).containsExactly("OU=" + team.teamId(), "O=" + team.name(), "C=US");
    assertThat(dev.getNonCriticalExtensionOIDs()).contains(APPLE + "6.1.2", APPLE + "6.1.12");
    verify(dev);

    // §3.5: only the Account Holder creates Developer ID certificates
    String holder = server.createKey("ACCOUNT_HOLDER", null).token();
    TestServer.Reply devIdReply = server.send("POST", "/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":"
        + "{\"certificateType\":\"DEVELOPER_ID_APPLICATION\",\"csrContent\":\"" + Csrs.pemJson() + "\"}}}", holder);
    assertThat(devIdReply.status()).as(devIdReply.body()).isEqualTo(201);
    X509Certificate devId = certificate(devIdReply.json().path("data"));
    assertThat(devId.getIssuerX500Principal().getName()).contains("CN=Braeburn Developer ID Certification Authority").contains("OU=G2");
    assertThat(rdns(X500Name.getInstance(devId.getSubjectX500Principal().getEncoded())).get(1))
        .isEqualTo("CN=Developer ID Application: " + team.name() + " (" + team.teamId() + ")");
    Instant notBefore = devId.getNotBefore().toInstant();
    assertThat(devId.getNotAfter().toInstant()).isEqualTo(notBefore.atOffset(ZoneOffset.UTC).plusYears(5).minusSeconds(1).toInstant());
    verify(devId);

    X509Certificate pass = certificate(created("MAC_INSTALLER_DISTRIBUTION", Csrs.pem(Csrs.SHARED)));
    assertThat(pass.getExtendedKeyUsage()).containsExactly(APPLE + "4.9");
    verify(pass);
  }

  @Test
  void overTheTypesCapIsApplesRecorded409AndRevokingFreesAPlace() {
    // the demo team has one DISTRIBUTION certificate; three are allowed [inferred cap]
    String first = created("DISTRIBUTION", Csrs.pem(Csrs.SHARED)).path("id").asText();
    created("DISTRIBUTION", Csrs.pem(Csrs.SHARED));
    TestServer.Reply r = create("DISTRIBUTION", Csrs.pem(Csrs.SHARED));
    JsonNode e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR");
    assertThat(e.path("title").asText()).isEqualTo("There is a problem with the request entity");
    assertThat(e.path("detail").asText()).isEqualTo("You already have a current Distribution certificate or a pending certificate request.");
    assertThat(r.header("x-braeburn-diagnosis")).contains("3.5").contains(first);

    assertThat(server.send("DELETE", "/v1/certificates/" + first, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/certificates").body()).doesNotContain(first);
    created("DISTRIBUTION", Csrs.pem(Csrs.SHARED));
  }

  @Test
  void aBadCsrIsAnInferred409AtTheAttribute() {
    KeyPair small = Csrs.rsa(1024);
    for (String bad : List.of("MIIC", "not a csr", Csrs.pem(small), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")) {
      TestServer.Reply r = create("IOS_DEVELOPMENT", bad);
      JsonNode e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail", "source");
      assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
      assertThat(e.path("title").asText()).isEqualTo("An attribute in the provided entity has invalid value");
      assertThat(e.path("detail").asText()).isEqualTo("An invalid value was provided for the parameter 'csrContent'.");
      assertThat(e.at("/source/pointer").asText()).isEqualTo("/data/attributes/csrContent");
      assertThat(r.header("x-braeburn-diagnosis")).contains("inferred");
    }
    assertThat(create("IOS_DEVELOPMENT", Csrs.pem(small)).header("x-braeburn-diagnosis")).contains("RSA 1024");
  }

  private static List<String> rdns(X500Name name) {
    List<String> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      var first = rdn.getFirst();
      out.add(BCStyle.INSTANCE.oidToDisplayName(first.getType()) + "="
          + IETFUtils.valueToString(first.getValue()));
    }
    return out;
  }

  private void verify(X509Certificate leaf) throws Exception {
    CaChains.verify(server, leaf);
  }


}
