package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.store.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/profiles} signs a real {@code .mobileprovision} (provisioning.md §4,
 * docs/signing.md "Profiles"): the CMS verifies against Braeburn's roots (Bouncy Castle and
 * openssl), the plist has Apple's keys in Apple's order with the certificate, devices and
 * entitlements; the DER-encoded profile verifies too; the recorded 409s; and the state moves.
 */
class ProfilesAcceptanceTest extends DemoServerTest {
  private SigningWorld world;

  @BeforeEach
  void world() {
    world = new SigningWorld(server);
  }

  @Test
  void aDevelopmentProfileIsASignedMobileprovisionWithTheCertificateDevicesAndEntitlements() throws Exception {
    Team team = server.server.store().team(server.issuerId).orElseThrow();
    String bundleId = world.bundleId("com.example.signing", "IOS");
    world.capability(bundleId, "PUSH_NOTIFICATIONS");
    world.capability(bundleId, "HOMEKIT");
    JsonNode certificate = world.certificate("IOS_DEVELOPMENT");
    JsonNode profile = world.createdProfile("Signing Development", "IOS_APP_DEVELOPMENT", bundleId,
        List.of(certificate.path("id").asText()), List.of(SigningWorld.IPHONE, SigningWorld.IPAD));

    JsonNode a = profile.path("attributes");
    assertThat(a.path("profileState").asText()).isEqualTo("ACTIVE");
    assertThat(a.path("platform").asText()).isEqualTo("IOS");
    assertThat(a.path("uuid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    Instant created = OffsetDateTime.parse(a.path("createdDate").asText()).toInstant();
    assertThat(OffsetDateTime.parse(a.path("expirationDate").asText()).toInstant()).isEqualTo(created.plus(Duration.ofDays(365)));

    byte[] cms = Base64.getDecoder().decode(a.path("profileContent").asText());
    String roots = server.get("/_braeburn/ca/roots.pem").body();
    byte[] xml = MobileProvisions.verifiedContent(cms, roots);
    byte[] openssl = MobileProvisions.opensslVerified(cms, roots);
    if (openssl != null) {
      assertThat(openssl).isEqualTo(xml);
      assertThat(MobileProvisions.fastlaneDecoded(cms)).isEqualTo(xml);
    }
    assertThat(new String(xml)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("\n\t<key>AppIDName</key>");

    NSDictionary plist = MobileProvisions.plist(xml);
    assertThat(plist.allKeys()).containsExactly("AppIDName", "ApplicationIdentifierPrefix", "CreationDate", "Platform",
        "IsXcodeManaged", "DeveloperCertificates", "DER-Encoded-Profile", "Entitlements", "ExpirationDate", "Name",
        "ProvisionedDevices", "TeamIdentifier", "TeamName", "TimeToLive", "UUID", "Version");
    assertThat(plist.get("AppIDName").toJavaObject()).isEqualTo("Signing Test");
    assertThat(strings(plist, "ApplicationIdentifierPrefix")).containsExactly(team.teamId());
    assertThat(((NSDate) plist.get("CreationDate")).getDate().toInstant()).isEqualTo(created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(strings(plist, "Platform")).containsExactly("iOS", "xrOS", "visionOS");
    assertThat(((NSNumber) plist.get("IsXcodeManaged")).boolValue()).isFalse();
    NSArray certificates = (NSArray) plist.get("DeveloperCertificates");
    assertThat(certificates.count()).isEqualTo(1);
    assertThat(((NSData) certificates.objectAtIndex(0)).bytes())
        .isEqualTo(Base64.getDecoder().decode(certificate.at("/attributes/certificateContent").asText()));
    assertThat(strings(plist, "ProvisionedDevices")).containsExactly("00008150-001C3D5A2E90801E", "00008122-000A14E23C68A01E");
    assertThat(strings(plist, "TeamIdentifier")).containsExactly(team.teamId());
    assertThat(plist.get("TeamName").toJavaObject()).isEqualTo(team.name());
    assertThat(((NSNumber) plist.get("TimeToLive")).intValue()).isEqualTo(365);
    assertThat(plist.get("UUID").toJavaObject()).isEqualTo(a.path("uuid").asText());
    assertThat(((NSNumber) plist.get("Version")).intValue()).isEqualTo(1);

    NSDictionary entitlements = (NSDictionary) plist.get("Entitlements");
    assertThat(entitlements.get("application-identifier").toJavaObject()).isEqualTo(team.teamId() + ".com.example.signing");
    assertThat(entitlements.get("com.apple.developer.team-identifier").toJavaObject()).isEqualTo(team.teamId());
    assertThat(((NSNumber) entitlements.get("get-task-allow")).boolValue()).isTrue();
    assertThat(strings(entitlements, "keychain-access-groups")).containsExactly(team.teamId() + ".*", "com.apple.token");
    assertThat(entitlements.get("aps-environment").toJavaObject()).isEqualTo("development");
    assertThat(((NSNumber) entitlements.get("com.apple.developer.homekit")).boolValue()).isTrue();
    assertThat(entitlements.get("com.apple.developer.game-center")).isNotNull(); // a default capability of an explicit iOS App ID
    assertThat(entitlements.allKeys()).isSorted();
    assertThat(entitlements.containsKey("beta-reports-active")).isFalse();

    // the DER-encoded twin: ECDSA-signed, chained to the EC root, the same UUID inside
    byte[] derPayload = MobileProvisions.verifiedContent(((NSData) plist.get("DER-Encoded-Profile")).bytes(), roots);
    ASN1Set entries = ASN1Set.getInstance(derPayload);
    List<String> keys = Arrays.stream(entries.toArray()).map(e -> ((ASN1String) ASN1Sequence.getInstance(e).getObjectAt(0)).getString()).toList();
    assertThat(keys).contains("UUID", "Entitlements", "ProfileDistributionType", "DeveloperCertificates", "ProvisionedDevices");
    String distribution = Arrays.stream(entries.toArray()).map(ASN1Sequence::getInstance)
        .filter(s -> ((ASN1String) s.getObjectAt(0)).getString().equals("ProfileDistributionType"))
        .map(s -> ((ASN1String) s.getObjectAt(1)).getString()).findFirst().orElseThrow();
    assertThat(distribution).isEqualTo("LIMITED");
  }

  @Test
  void storeAndDeveloperIdProfilesCarryNoDevices() throws Exception {
    String roots = server.get("/_braeburn/ca/roots.pem").body();
    String bundleId = world.bundleId("com.example.store", "IOS");
    JsonNode store = world.createdProfile("Store", "IOS_APP_STORE", bundleId, List.of("6H9RKZQ58K"), List.of());
    NSDictionary plist = MobileProvisions.plist(MobileProvisions.verifiedContent(
        Base64.getDecoder().decode(store.at("/attributes/profileContent").asText()), roots));
    assertThat(plist.containsKey("ProvisionedDevices")).isFalse();
    assertThat(plist.containsKey("ProvisionsAllDevices")).isFalse();
    NSDictionary entitlements = (NSDictionary) plist.get("Entitlements");
    assertThat(((NSNumber) entitlements.get("get-task-allow")).boolValue()).isFalse();
    assertThat(((NSNumber) entitlements.get("beta-reports-active")).boolValue()).isTrue();

    String mac = world.bundleId("com.example.direct", "MAC_OS");
    JsonNode devId = world.certificate("DEVELOPER_ID_APPLICATION");
    JsonNode direct = world.createdProfile("Direct", "MAC_APP_DIRECT", mac, List.of(devId.path("id").asText()), List.of());
    assertThat(direct.at("/attributes/platform").asText()).isEqualTo("MAC_OS");
    NSDictionary directPlist = MobileProvisions.plist(MobileProvisions.verifiedContent(
        Base64.getDecoder().decode(direct.at("/attributes/profileContent").asText()), roots));
    assertThat(((NSNumber) directPlist.get("ProvisionsAllDevices")).boolValue()).isTrue();
    assertThat(strings(directPlist, "Platform")).containsExactly("OSX");
    assertThat(((NSDictionary) directPlist.get("Entitlements")).get("com.apple.application-identifier").toJavaObject())
        .asString().endsWith(".com.example.direct");
  }

  @Test
  void theRecordedRefusals() {
    String bundleId = world.bundleId("com.example.refusals", "IOS");
    String development = "AN9PYWJU2F";
    String distribution = "6H9RKZQ58K";
    // devices on an App Store profile (codemagic-ci-cd/cli-tools#26)
    JsonNode e = AppleErrors.onlyError(world.profile("A", "IOS_APP_STORE", bundleId, List.of(distribution), List.of(SigningWorld.IPHONE)),
        409, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.NOT_ALLOWED");
    assertThat(e.path("title").asText()).isEqualTo("A relationship in the provided entity is not allowed for this request");
    assertThat(e.path("detail").asText()).isEqualTo("No devices can be associated to Provisioning Profiles for the App Store.");
    // none on a development profile (bitrise #40)
    e = AppleErrors.onlyError(world.profile("B", "IOS_APP_DEVELOPMENT", bundleId, List.of(development), List.of()),
        409, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.REQUIRED");
    assertThat(e.path("detail").asText()).isEqualTo("The relationship 'devices' is required but was not provided with this request.");
    // the identifier instead of the resource id (myappcloud/appstore-connect-api#2)
    TestServer.Reply r = world.profile("C", "IOS_APP_STORE", "com.example.refusals", List.of(distribution), List.of());
    e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR");
    assertThat(e.path("detail").asText()).isEqualTo("There is no App ID with ID 'com.example.refusals' on this team.");
    assertThat(r.header("x-braeburn-diagnosis")).contains("resource id");
    // a Mac App ID for an iOS profile
    String mac = world.bundleId("com.example.refusals.mac", "MAC_OS");
    e = AppleErrors.onlyError(world.profile("D", "IOS_APP_STORE", mac, List.of(distribution), List.of()), 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("detail").asText()).isEqualTo("You are not allowed to create 'iOS' profile with App ID '" + mac + "'.");
    // a development certificate in an App Store profile, a disabled device [inferred wording]
    r = world.profile("E", "IOS_APP_STORE", bundleId, List.of(development), List.of());
    e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("detail").asText()).isEqualTo("There are no current certificates on this team matching the provided certificate IDs.");
    assertThat(r.header("x-braeburn-diagnosis")).contains(development).contains("DEVELOPMENT").contains("inferred");
    e = AppleErrors.onlyError(world.profile("F", "TVOS_APP_DEVELOPMENT", bundleId, List.of(development), List.of(SigningWorld.DISABLED_TV)),
        409, "id", "status", "code", "title", "detail");
    assertThat(e.path("detail").asText()).isEqualTo("There are no current devices on this team matching the provided device IDs.");
    // a duplicate name (two spaces, as recorded)
    world.createdProfile("Twice", "IOS_APP_STORE", bundleId, List.of(distribution), List.of());
    e = AppleErrors.onlyError(world.profile("Twice", "IOS_APP_STORE", bundleId, List.of(distribution), List.of()),
        409, "id", "status", "code", "title", "detail");
    assertThat(e.path("detail").asText()).isEqualTo("Multiple profiles found with the name 'Twice'.  Please remove the duplicate profiles and try again.");
    assertThat(server.get("/v1/profiles?filter[name]=Twice").json().path("data")).hasSize(1);
  }

  @Test
  void aProfileTurnsInvalidWhenWhatItHoldsChangesOrItExpires() {
    String bundleId = world.bundleId("com.example.states", "IOS");
    String certificate = world.certificate("IOS_DEVELOPMENT").path("id").asText();
    String revoked = world.createdProfile("Revoked", "IOS_APP_DEVELOPMENT", bundleId, List.of(certificate), List.of(SigningWorld.IPHONE))
        .path("id").asText();
    String other = world.bundleId("com.example.states.other", "IOS");
    String otherCertificate = world.certificate("IOS_DEVELOPMENT").path("id").asText();
    String disabled = world.createdProfile("Disabled", "IOS_APP_DEVELOPMENT", other, List.of(otherCertificate), List.of(SigningWorld.IPAD))
        .path("id").asText();
    String third = world.bundleId("com.example.states.third", "IOS");
    String capability = world.createdProfile("Capability", "IOS_APP_DEVELOPMENT", third, List.of(otherCertificate),
        List.of(SigningWorld.IPHONE)).path("id").asText();
    String expiring = world.createdProfile("Expiring", "IOS_APP_STORE", other, List.of("6H9RKZQ58K"), List.of()).path("id").asText();

    assertThat(server.send("DELETE", "/v1/certificates/" + certificate, null).status()).isEqualTo(204);
    assertThat(world.profileState(revoked)).isEqualTo("INVALID");
    assertThat(world.profileState(disabled)).isEqualTo("ACTIVE");

    assertThat(server.send("PATCH", "/v1/devices/" + SigningWorld.IPAD,
        "{\"data\":{\"type\":\"devices\",\"id\":\"" + SigningWorld.IPAD + "\",\"attributes\":{\"status\":\"DISABLED\"}}}").status()).isEqualTo(200);
    assertThat(world.profileState(disabled)).isEqualTo("INVALID");
    assertThat(world.profileState(capability)).isEqualTo("ACTIVE");

    world.capability(third, "ACCESS_WIFI_INFORMATION");
    assertThat(world.profileState(capability)).isEqualTo("INVALID");
    assertThat(server.get("/v1/profiles?filter[profileState]=INVALID").json().path("data")).extracting(d -> d.path("id").asText())
        .contains(revoked, disabled, capability).doesNotContain(expiring);

    // the demo distribution certificate expires before the new profile: the profile turns INVALID then
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + Duration.ofDays(366).toSeconds() + "}", null);
    assertThat(world.profileState(expiring)).isEqualTo("INVALID");
  }

  @Test
  void theDemoProfilesAreSignedWithTheTeamsPrefixAndDevices() throws Exception {
    Team team = server.server.store().team(server.issuerId).orElseThrow();
    JsonNode profile = server.get("/v1/profiles/EEEE28LRVK?include=certificates").json();
    NSDictionary plist = MobileProvisions.plist(MobileProvisions.verifiedContent(
        Base64.getDecoder().decode(profile.at("/data/attributes/profileContent").asText()), server.get("/_braeburn/ca/roots.pem").body()));
    assertThat(plist.get("UUID").toJavaObject()).isEqualTo("bcb023a7-dfdc-5cc1-9a7f-840110191a3e");
    assertThat(strings(plist, "ApplicationIdentifierPrefix")).containsExactly(team.teamId());
    assertThat(strings(plist, "ProvisionedDevices")).containsExactly("00008150-001C3D5A2E90801E", "00008122-000A14E23C68A01E");
    assertThat(((NSDate) plist.get("ExpirationDate")).getDate().toInstant())
        .isEqualTo(OffsetDateTime.parse(profile.at("/data/attributes/expirationDate").asText()).toInstant());
    NSArray certificates = (NSArray) plist.get("DeveloperCertificates");
    assertThat(certificates.count()).isEqualTo(1);
    assertThat(((NSData) certificates.objectAtIndex(0)).bytes())
        .isEqualTo(Base64.getDecoder().decode(profile.at("/included/0/attributes/certificateContent").asText()));
    assertThat(server.get("/v1/bundleIds/C8RUGCZH8E").json().at("/data/attributes/seedId").asText()).isEqualTo(team.teamId());
  }

  private static List<String> strings(NSDictionary dictionary, String key) {
    return Arrays.stream(((NSArray) dictionary.get(key)).getArray()).map(o -> o.toJavaObject().toString()).toList();
  }
}
