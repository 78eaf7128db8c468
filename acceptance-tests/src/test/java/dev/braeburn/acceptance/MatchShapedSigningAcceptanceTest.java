package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The requests fastlane match makes with an API key (provisioning.md §4.6; fastlane's match, cert and
 * sigh runners), replayed over HTTP: list the certificates of the type and reuse the one its
 * repository holds, else create one from a CSR; find the profile by name with its bundle ID and
 * certificates included and reuse it while it is ACTIVE and unexpired, else create it; download it
 * and read it as fastlane does (openssl smime -noverify off macOS; UUID, TeamIdentifier, Name, the
 * first certificate's subject). A second run creates nothing; a revoked certificate makes the next
 * run create both again.
 */
class MatchShapedSigningAcceptanceTest extends DemoServerTest {
  private static final String APP = "com.example.match";
  private static final String PROFILE_NAME = "match AppStore " + APP;

  /** What match keeps in its git repository between runs. */
  private final Map<String, String> repository = new HashMap<>();
  private final List<String> created = new ArrayList<>();

  @Test
  void aSecondRunReusesTheCertificateAndProfileAndARevocationRenewsBoth() throws Exception {
    new SigningWorld(server).bundleId(APP, "IOS"); // fastlane produce
    Run first = match();
    assertThat(created).containsExactly("certificate", "profile");
    assertThat(first.profile().get("Name").toJavaObject()).isEqualTo(PROFILE_NAME);
    assertThat(first.certificateSubject()).contains("CN=Apple Distribution: ");
    assertThat(first.teamId()).isEqualTo(server.server.store().team(server.issuerId).orElseThrow().teamId());

    created.clear();
    Run second = match();
    assertThat(created).isEmpty();
    assertThat(second.uuid()).isEqualTo(first.uuid());
    assertThat(second.certificateId()).isEqualTo(first.certificateId());

    // match nuke / a revoked certificate: the profile turns INVALID, the next run makes both again under a new name (sigh appends a time)
    assertThat(server.send("DELETE", "/v1/certificates/" + first.certificateId(), null).status()).isEqualTo(204);
    created.clear();
    Run third = match();
    assertThat(created).containsExactly("certificate", "profile");
    assertThat(third.uuid()).isNotEqualTo(first.uuid());
  }

  private record Run(String certificateId, String uuid, String teamId, String certificateSubject, NSDictionary profile) {}

  private Run match() throws Exception {
    String certificateId = certificate();
    JsonNode profile = profile(certificateId);
    byte[] mobileprovision = Base64.getDecoder().decode(profile.at("/attributes/profileContent").asText());
    byte[] xml = MobileProvisions.fastlaneDecoded(mobileprovision);
    NSDictionary plist = MobileProvisions.plist(xml == null
        ? MobileProvisions.verifiedContent(mobileprovision, server.get("/_braeburn/ca/roots.pem").body()) : xml);
    assertThat(plist.count()).isGreaterThan(5); // fastlane_core's check
    repository.put("profiles/appstore/AppStore_" + APP + ".mobileprovision", plist.get("UUID").toJavaObject().toString());
    byte[] firstCertificate = ((NSData) ((NSArray) plist.get("DeveloperCertificates")).objectAtIndex(0)).bytes();
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(firstCertificate));
    return new Run(certificateId, plist.get("UUID").toJavaObject().toString(),
        ((NSArray) plist.get("TeamIdentifier")).objectAtIndex(0).toJavaObject().toString(),
        certificate.getSubjectX500Principal().getName(), plist);
  }

  /** match: the repository's certificate if the portal still lists it, else cert creates one. */
  private String certificate() {
    JsonNode listed = server.get("/v1/certificates?filter[certificateType]=DISTRIBUTION&limit=200").json().path("data");
    String stored = repository.get("certs/distribution");
    for (JsonNode c : listed) {
      if (c.path("id").asText().equals(stored)) {
        return stored;
      }
    }
    JsonNode made = new SigningWorld(server).certificate("DISTRIBUTION");
    created.add("certificate");
    repository.put("certs/distribution", made.path("id").asText());
    return made.path("id").asText();
  }

  /** sigh: profiles of the type and name with bundleId and certificates included; valid = ACTIVE and not expired. */
  private JsonNode profile(String certificateId) {
    JsonNode doc = server.get("/v1/profiles?filter[profileType]=IOS_APP_STORE&filter[name]="
        + URLEncoder.encode(PROFILE_NAME, StandardCharsets.UTF_8) + "&include=bundleId,certificates&limit=200").json();
    for (JsonNode p : doc.path("data")) {
      boolean valid = p.at("/attributes/profileState").asText().equals("ACTIVE")
          && OffsetDateTime.parse(p.at("/attributes/expirationDate").asText()).toInstant().isAfter(Instant.now().minusSeconds(1));
      boolean ours = false;
      for (JsonNode c : p.at("/relationships/certificates/data")) {
        ours |= c.path("id").asText().equals(certificateId);
      }
      String bundleId = p.at("/relationships/bundleId/data/id").asText();
      boolean app = false;
      for (JsonNode i : doc.path("included")) {
        app |= i.path("type").asText().equals("bundleIds") && i.path("id").asText().equals(bundleId)
            && i.at("/attributes/identifier").asText().equals(APP);
      }
      if (valid && ours && app) {
        return p;
      }
    }
    String bundleId = server.get("/v1/bundleIds?filter[identifier]=" + APP).json().at("/data/0/id").asText();
    String name = doc.path("data").isEmpty() ? PROFILE_NAME : PROFILE_NAME + " " + Instant.now().getEpochSecond();
    JsonNode made = new SigningWorld(server).createdProfile(name, "IOS_APP_STORE", bundleId, List.of(certificateId), List.of());
    created.add("profile");
    return made;
  }
}
