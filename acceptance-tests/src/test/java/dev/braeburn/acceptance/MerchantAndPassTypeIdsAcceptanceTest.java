package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.store.Team;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;

/**
 * Merchant IDs and pass type IDs and the certificates issued for them (provisioning.md §3.1, §7;
 * docs/signing.md "Merchant IDs and pass type IDs"): the identifier and name rules, uniqueness across
 * teams, the recorded 404 without the relationship, the certificate listed under its identifier with
 * the identifier in its subject, the EC P-256 key of APPLE_PAY, and deletion revoking certificates.
 */
class MerchantAndPassTypeIdsAcceptanceTest extends DemoServerTest {
  private static final String NOT_FOUND_TITLE = "The specified resource does not exist";

  private TestServer.Reply createIdentifier(String type, String name, String identifier, String bearer) {
    return server.send("POST", "/v1/" + type, "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"name\":\"" + name
        + "\",\"identifier\":\"" + identifier + "\"}}}", bearer);
  }

  private String identifier(String type, String name, String identifier) {
    TestServer.Reply r = createIdentifier(type, name, identifier, server.token());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().at("/data/attributes/identifier").asText()).isEqualTo(identifier);
    assertThat(r.json().at("/data/attributes/name").asText()).isEqualTo(name);
    return r.json().at("/data/id").asText();
  }

  private TestServer.Reply certificate(String type, KeyPair key, String relationship, String targetType, String id) {
    String rel = relationship == null ? "" : ",\"relationships\":{\"" + relationship + "\":{\"data\":{\"type\":\"" + targetType
        + "\",\"id\":\"" + id + "\"}}}";
    return server.send("POST", "/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":{\"certificateType\":\"" + type
        + "\",\"csrContent\":\"" + Csrs.pem(key).replace("\n", "\\n") + "\"}" + rel + "}}");
  }

  private static void assertInvalid(TestServer.Reply r, String detail) {
    JsonNode e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(e.path("title").asText()).isEqualTo("An attribute in the provided entity has invalid value");
    assertThat(e.path("detail").asText()).isEqualTo(detail);
    assertThat(r.header("x-braeburn-diagnosis")).contains("inferred");
  }

  private static void assertNoIdentifier(TestServer.Reply r, String id) {
    JsonNode e = AppleErrors.onlyError(r, 404, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(e.path("title").asText()).isEqualTo(NOT_FOUND_TITLE);
    assertThat(e.path("detail").asText()).isEqualTo("There is no identifier with ID '" + id + "' on this team.");
    assertThat(r.header("x-braeburn-diagnosis")).contains("3.1");
  }

  @Test
  void identifiersFollowTheirPrefixAndTheAppIdRulesAndOnlyTheNameChanges() {
    String pass = identifier("passTypeIds", "Boarding Pass", "pass.dev.braeburn.boarding");
    TestServer.Reply renamed = server.send("PATCH", "/v1/passTypeIds/" + pass,
        "{\"data\":{\"type\":\"passTypeIds\",\"id\":\"" + pass + "\",\"attributes\":{\"name\":\"Boarding Pass 2\"}}}");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().at("/data/attributes/name").asText()).isEqualTo("Boarding Pass 2");
    assertInvalid(server.send("PATCH", "/v1/passTypeIds/" + pass,
            "{\"data\":{\"type\":\"passTypeIds\",\"id\":\"" + pass + "\",\"attributes\":{\"name\":\"Pass_1\"}}}"),
        "'Pass_1' is not a valid name for a pass type id. Please choose a name containing only alphanumeric characters and spaces.");
    TestServer.Reply moved = server.send("PATCH", "/v1/passTypeIds/" + pass,
        "{\"data\":{\"type\":\"passTypeIds\",\"id\":\"" + pass + "\",\"attributes\":{\"identifier\":\"pass.dev.other\"}}}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(409);

    assertInvalid(createIdentifier("passTypeIds", "Pass", "com.example.pass", server.token()),
        "'com.example.pass' is not a valid identifier for a pass type id. It must start with 'pass.' followed by a reverse-DNS string.");
    assertInvalid(createIdentifier("merchantIds", "Shop", "pass.com.example", server.token()),
        "'pass.com.example' is not a valid identifier for a merchant id. It must start with 'merchant.' followed by a reverse-DNS string.");
    assertInvalid(createIdentifier("merchantIds", "Shop", "merchant.com.example.*", server.token()),
        "'merchant.com.example.*' is not a valid identifier for a merchant id. It must not contain an asterisk: only App IDs can be wildcards.");
    assertInvalid(createIdentifier("merchantIds", "Shop", "merchant.com..example", server.token()),
        "'merchant.com..example' is not a valid identifier for a merchant id. It must not contain two periods in a row.");
    assertInvalid(createIdentifier("merchantIds", "Shop & Co", "merchant.com.example", server.token()),
        "'Shop & Co' is not a valid name for a merchant id. Please choose a name containing only alphanumeric characters and spaces.");
  }

  @Test
  void anIdentifierIsUniqueAcrossAllTeams() {
    identifier("merchantIds", "Shop", "merchant.dev.braeburn.shop");
    String other = server.createTeam("Other Shop");
    String otherToken = server.createKey("ADMIN", other).token();
    for (String token : List.of(otherToken, server.token())) {
      TestServer.Reply r = createIdentifier("merchantIds", "Shop", "merchant.dev.braeburn.SHOP", token);
      assertInvalid(r, "A Merchant ID with Identifier 'merchant.dev.braeburn.SHOP' is not available. Please enter a different string.");
    }
    // the other team does not see it, and its own pass type IDs are a separate space of identifiers
    assertThat(server.send("GET", "/v1/merchantIds", null, otherToken).json().path("data")).isEmpty();
    assertThat(createIdentifier("passTypeIds", "Shop", "pass.dev.braeburn.shop", otherToken).status()).isEqualTo(201);
  }

  @Test
  void aPassCertificateNamesItsPassTypeIdAndIsListedUnderIt() throws Exception {
    String pass = identifier("passTypeIds", "Boarding Pass", "pass.dev.braeburn.boarding");
    assertNoIdentifier(certificate("PASS_TYPE_ID", Csrs.SHARED, null, null, null), "null");
    assertNoIdentifier(certificate("PASS_TYPE_ID_WITH_NFC", Csrs.SHARED, "passTypeId", "passTypeIds", "NOSUCHPASS"), "NOSUCHPASS");

    TestServer.Reply r = certificate("PASS_TYPE_ID", Csrs.SHARED, "passTypeId", "passTypeIds", pass);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().at("/data/id").asText();
    assertThat(r.json().at("/data/attributes/name").asText()).isEqualTo("Pass Type ID: Created via API");
    Team team = server.server.store().team(server.issuerId).orElseThrow();
    X509Certificate cert = x509(r.json().path("data"));
    assertThat(rdns(cert)).containsExactly("UID=pass.dev.braeburn.boarding", "CN=Pass Type ID: pass.dev.braeburn.boarding",
        "OU=" + team.teamId(), "O=" + team.name(), "C=US");

    assertThat(server.get("/v1/passTypeIds/" + pass + "/certificates").json().path("data"))
        .extracting(c -> c.path("id").asText()).containsExactly(id);
    assertThat(server.get("/v1/passTypeIds/" + pass + "/relationships/certificates").json().path("data"))
        .extracting(c -> c.path("id").asText()).containsExactly(id);
    JsonNode included = server.get("/v1/certificates/" + id + "?include=passTypeId").json();
    assertThat(included.at("/data/relationships/passTypeId/data/id").asText()).isEqualTo(pass);
    assertThat(included.at("/included/0/attributes/identifier").asText()).isEqualTo("pass.dev.braeburn.boarding");

    // a development certificate is not issued for an identifier [inferred refusal]
    TestServer.Reply wrong = certificate("IOS_DEVELOPMENT", Csrs.SHARED, "passTypeId", "passTypeIds", pass);
    JsonNode e = AppleErrors.onlyError(wrong, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID");

    // deleting the pass type ID revokes its certificates [inferred]
    assertThat(server.send("DELETE", "/v1/passTypeIds/" + pass, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/certificates/" + id).status()).isEqualTo(404);
  }

  @Test
  void merchantCertificatesNeedTheirMerchantIdAndApplePayTakesAnEcKey() throws Exception {
    String merchant = identifier("merchantIds", "Shop", "merchant.dev.braeburn.shop");
    assertNoIdentifier(certificate("APPLE_PAY_MERCHANT_IDENTITY", Csrs.SHARED, null, null, null), "null");

    KeyPair ec = Csrs.ec("secp256r1");
    TestServer.Reply rsaForEcc = certificate("APPLE_PAY", Csrs.SHARED, "merchantId", "merchantIds", merchant);
    AppleErrors.onlyError(rsaForEcc, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(rsaForEcc.header("x-braeburn-diagnosis")).contains("RSA 2048").contains("EC P-256");
    TestServer.Reply ecForRsa = certificate("APPLE_PAY_RSA", ec, "merchantId", "merchantIds", merchant);
    AppleErrors.onlyError(ecForRsa, 409, "id", "status", "code", "title", "detail", "source");
    TestServer.Reply otherCurve = certificate("APPLE_PAY", Csrs.ec("secp384r1"), "merchantId", "merchantIds", merchant);
    AppleErrors.onlyError(otherCurve, 409, "id", "status", "code", "title", "detail", "source");

    TestServer.Reply processing = certificate("APPLE_PAY", ec, "merchantId", "merchantIds", merchant);
    assertThat(processing.status()).as(processing.body()).isEqualTo(201);
    X509Certificate cert = x509(processing.json().path("data"));
    assertThat(cert.getPublicKey()).isEqualTo(ec.getPublic());
    assertThat(rdns(cert).subList(0, 2)).containsExactly("UID=merchant.dev.braeburn.shop",
        "CN=Apple Pay Payment Processing: merchant.dev.braeburn.shop");

    TestServer.Reply identity = certificate("APPLE_PAY_MERCHANT_IDENTITY", Csrs.SHARED, "merchantId", "merchantIds", merchant);
    assertThat(identity.status()).as(identity.body()).isEqualTo(201);
    assertThat(rdns(x509(identity.json().path("data"))).subList(0, 2))
        .containsExactly("UID=merchant.dev.braeburn.shop", "CN=Merchant ID: merchant.dev.braeburn.shop");

    assertThat(server.get("/v1/merchantIds/" + merchant + "/certificates").json().path("data"))
        .extracting(c -> c.path("id").asText())
        .containsExactlyInAnyOrder(processing.json().at("/data/id").asText(), identity.json().at("/data/id").asText());
  }

  private static X509Certificate x509(JsonNode data) throws Exception {
    byte[] der = Base64.getDecoder().decode(data.at("/attributes/certificateContent").asText());
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static List<String> rdns(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    for (RDN rdn : X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs()) {
      out.add(BCStyle.INSTANCE.oidToDisplayName(rdn.getFirst().getType()) + "=" + IETFUtils.valueToString(rdn.getFirst().getValue()));
    }
    return out;
  }
}
