package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a whole-server snapshot carries Braeburn's certificate authority (docs/snapshots.md), so
 * certificates issued before a save verify against the roots served after loading it elsewhere; a
 * snapshot without one leaves the authority as it is; the demo seed's certificates are real ones
 * issued by the server's authority (docs/signing.md "Seeded certificates").
 */
class SnapshotCertificatesAcceptanceTest {

  @Test
  void certificatesIssuedBeforeASaveVerifyAfterLoadingIntoAFreshServer() throws Exception {
    try (TestServer source = TestServer.start("demo"); TestServer target = TestServer.start(null)) {
      TestServer.Reply made = source.send("POST", "/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":"
          + "{\"certificateType\":\"IOS_DEVELOPMENT\",\"csrContent\":\"" + Csrs.pemJson() + "\"}}}");
      assertThat(made.status()).as(made.body()).isEqualTo(201);
      String id = made.json().at("/data/id").asText();
      String roots = source.get("/_braeburn/ca/roots.pem").body();
      String targetRoots = target.get("/_braeburn/ca/roots.pem").body(); // the target makes its own first
      assertThat(targetRoots).isNotEqualTo(roots);

      JsonNode saved = source.admin("GET", "/_braeburn/snapshot", null, null).json();
      assertThat(saved.path("version").asInt()).isEqualTo(3);
      assertThat(saved.at("/certificateAuthority/authorities/ROOT/certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----");
      TestServer.Reply loaded = target.admin("POST", "/_braeburn/snapshot", saved.toString(), null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);

      assertThat(target.get("/_braeburn/ca/roots.pem").body()).as("the served roots are the snapshot's").isEqualTo(roots);
      JsonNode certificate = target.send("GET", "/v1/certificates/" + id, null, source.token()).json().path("data");
      CaChains.verify(target, CaChains.certificate(certificate));
      for (JsonNode seeded : target.send("GET", "/v1/certificates", null, source.token()).json().path("data")) {
        CaChains.verify(target, CaChains.certificate(seeded));
      }
      // the family's holder signs with the loaded authority too
      TestServer.Reply after = target.send("POST", "/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":"
          + "{\"certificateType\":\"MAC_APP_DEVELOPMENT\",\"csrContent\":\"" + Csrs.pemJson() + "\"}}}", source.token());
      assertThat(after.status()).as(after.body()).isEqualTo(201);
      CaChains.verify(target, CaChains.certificate(after.json().path("data")));
      CaChains.verify(source, CaChains.certificate(after.json().path("data")));
    }
  }

  @Test
  void aSnapshotWithoutAnAuthorityLeavesTheCurrentOne() throws Exception {
    try (TestServer server = TestServer.start("demo")) {
      String roots = server.get("/_braeburn/ca/roots.pem").body();
      ObjectNode saved = (ObjectNode) server.admin("GET", "/_braeburn/snapshot", null, null).json();
      ObjectNode older = saved.deepCopy();
      older.remove("certificateAuthority");
      older.put("version", 2);
      assertThat(server.admin("POST", "/_braeburn/snapshot", older.toString(), null).status()).isEqualTo(200);
      assertThat(server.get("/_braeburn/ca/roots.pem").body()).isEqualTo(roots);

      TestServer.Reply team = server.admin("GET", "/_braeburn/snapshot", null, server.issuerId);
      assertThat(team.status()).as(team.body()).isEqualTo(200);
      assertThat(team.json().has("certificateAuthority")).as("teams share the authority; only a server snapshot carries it").isFalse();

      ObjectNode v2WithAuthority = saved.deepCopy().put("version", 2);
      JsonNode unknown = AppleErrors.onlyError(server.admin("POST", "/_braeburn/snapshot", v2WithAuthority.toString(), null),
          409, "id", "status", "code", "title", "detail", "source");
      assertThat(unknown.at("/source/pointer").asText()).isEqualTo("/certificateAuthority");

      ObjectNode broken = saved.deepCopy();
      ((ObjectNode) broken.at("/certificateAuthority/authorities/WWDR_G3")).put("privateKey", "not a key");
      JsonNode bad = AppleErrors.onlyError(server.admin("POST", "/_braeburn/snapshot", broken.toString(), null),
          409, "id", "status", "code", "title", "detail", "source");
      assertThat(bad.at("/source/pointer").asText()).isEqualTo("/certificateAuthority");
      assertThat(bad.path("detail").asText()).contains("WWDR_G3");
      assertThat(server.get("/_braeburn/ca/roots.pem").body()).isEqualTo(roots);
    }
  }

  @Test
  void theDemoSeedsCertificatesAreRealAndChainToTheRoots() throws Exception {
    try (TestServer server = TestServer.start("demo")) {
      JsonNode list = server.get("/v1/certificates").json().path("data");
      List<String> names = new ArrayList<>();
      assertThat(list.size()).isGreaterThanOrEqualTo(2);
      String teamId = server.server.store().team(server.issuerId).orElseThrow().teamId();
      for (JsonNode data : list) {
        X509Certificate certificate = CaChains.certificate(data);
        CaChains.verify(server, certificate);
        JsonNode a = data.path("attributes");
        assertThat(certificate.getSerialNumber().toString(16).toUpperCase()).isEqualTo(a.path("serialNumber").asText());
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(OffsetDateTime.parse(a.path("expirationDate").asText()).toInstant());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("OU=" + teamId);
        names.add(certificate.getSubjectX500Principal().getName());
      }
      // the seeded records' types, people and expiry dates (demo.json: 6H9RKZQ58K, AN9PYWJU2F)
      JsonNode distribution = server.get("/v1/certificates/6H9RKZQ58K").json().path("data");
      assertThat(CaChains.certificate(distribution).getNotAfter().toInstant()).isEqualTo(OffsetDateTime.parse("2027-02-16T08:31:52-08:00").toInstant());
      assertThat(CaChains.certificate(distribution).getSubjectX500Principal().getName()).contains("CN=Apple Distribution: ");
      JsonNode development = server.get("/v1/certificates/AN9PYWJU2F").json().path("data");
      assertThat(CaChains.certificate(development).getSubjectX500Principal().getName()).contains("CN=Apple Development: Daniel Efe (");
      assertThat(names).doesNotHaveDuplicates();
    }
  }
}
