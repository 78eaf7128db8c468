package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bundle IDs and their capabilities as provisioning tools meet them (provisioning.md §5,
 * docs/signing.md "Bundle IDs and capabilities"): Apple's recorded refusals word for word, an
 * identifier unique across every team without showing the other team's bundle ID, the team ID as
 * seedId, the default capabilities, and the capability rules.
 */
class BundleIdsAcceptanceTest extends DemoServerTest {
  private static final String SEED_BUNDLE_ID = "C8RUGCZH8E"; // demo seed: Tideline's, linked to its app
  private static final String INVALID_TITLE = "An attribute in the provided entity has invalid value";

  private static String bundleIdBody(String identifier, String name, String platform) {
    return "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"identifier\":\"" + identifier + "\",\"name\":\"" + name
        + "\",\"platform\":\"" + platform + "\"}}}";
  }

  private TestServer.Reply create(String identifier, String name, String platform) {
    return server.send("POST", "/v1/bundleIds", bundleIdBody(identifier, name, platform));
  }

  private String created(String identifier, String platform) {
    TestServer.Reply r = create(identifier, "Example", platform);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  private TestServer.Reply capability(String bundleId, String type, String settings) {
    return server.send("POST", "/v1/bundleIdCapabilities", "{\"data\":{\"type\":\"bundleIdCapabilities\",\"attributes\":{"
        + "\"capabilityType\":\"" + type + "\"" + (settings == null ? "" : ",\"settings\":" + settings) + "},"
        + "\"relationships\":{\"bundleId\":{\"data\":{\"type\":\"bundleIds\",\"id\":\"" + bundleId + "\"}}}}}");
  }

  private List<String> capabilityIds(String bundleId) {
    List<String> ids = new ArrayList<>();
    server.get("/v1/bundleIds/" + bundleId + "/bundleIdCapabilities").json().path("data").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  @Test
  void anExplicitAppIdGetsTheTeamIdAsSeedIdAndApplesDefaultCapabilities() {
    TestServer.Reply r = create("com.example.banaan", "banaan", "IOS");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode attributes = r.json().at("/data/attributes");
    String id = r.json().at("/data/id").asText();
    assertThat(id).matches("[A-Z0-9]{10}");
    assertThat(attributes.path("identifier").asText()).isEqualTo("com.example.banaan");
    assertThat(attributes.path("platform").asText()).isEqualTo("IOS");
    String seedId = attributes.path("seedId").asText();
    assertThat(seedId).matches("[A-Z0-9]{10}");
    assertThat(capabilityIds(id)).containsExactlyInAnyOrder(id + "_GAME_CENTER_IOS", id + "_IN_APP_PURCHASE_IOS");
    // the same team, the same prefix; a Mac App ID gets In-App Purchase only; a wildcard none
    String mac = created("com.example.banaan.mac", "MAC_OS");
    assertThat(server.get("/v1/bundleIds/" + mac).json().at("/data/attributes/seedId").asText()).isEqualTo(seedId);
    assertThat(capabilityIds(mac)).containsExactly(mac + "_IN_APP_PURCHASE_MACOS");
    assertThat(capabilityIds(created("com.example.*", "IOS"))).isEmpty();
    assertThat(capabilityIds(created("*", "IOS"))).isEmpty();
    // PATCH: the name, under the same rule
    TestServer.Reply renamed = server.send("PATCH", "/v1/bundleIds/" + id,
        "{\"data\":{\"type\":\"bundleIds\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"XC com example banaan\"}}}");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().at("/data/attributes/name").asText()).isEqualTo("XC com example banaan");
    TestServer.Reply badName = server.send("PATCH", "/v1/bundleIds/" + id,
        "{\"data\":{\"type\":\"bundleIds\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"com.example\"}}}");
    assertThat(AppleErrors.onlyError(badName, 409, "id", "status", "code", "title", "detail").path("detail").asText())
        .isEqualTo("'com.example' is not a valid name for an app id. Please choose a name containing only alphanumeric characters and spaces.");
  }

  @Test
  void anIdentifierIsTakenForEveryTeamAndTheOtherTeamSeesOnlyTheRefusal() {
    created("com.example.taken", "IOS");
    JsonNode own = AppleErrors.onlyError(create("COM.example.Taken", "Again", "IOS"), 409, "id", "status", "code", "title", "detail");
    assertThat(own.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(own.path("title").asText()).isEqualTo(INVALID_TITLE);
    assertThat(own.path("detail").asText()).isEqualTo("An App ID with Identifier 'COM.example.Taken' is not available. Please enter a different string.");

    String tokenB = server.createKey("ADMIN", server.createTeam("Team B")).token();
    TestServer.Reply other = server.send("POST", "/v1/bundleIds", bundleIdBody("com.example.taken", "Mine", "IOS"), tokenB);
    JsonNode error = AppleErrors.onlyError(other, 409, "id", "status", "code", "title", "detail");
    assertThat(error.path("detail").asText()).isEqualTo("An App ID with Identifier 'com.example.taken' is not available. Please enter a different string.");
    assertThat(other.header("x-braeburn-diagnosis")).contains("another team on this server").doesNotContain("Example");
    assertThat(server.send("GET", "/v1/bundleIds?filter[identifier]=com.example.taken", null, tokenB).json().path("data")).isEmpty();
    // the seed's identifiers too; a fresh one is team B's
    assertThat(server.send("POST", "/v1/bundleIds", bundleIdBody("com.tidewaterlabs.tideline", "Tide", "IOS"), tokenB).status()).isEqualTo(409);
    assertThat(server.send("POST", "/v1/bundleIds", bundleIdBody("com.example.teamb", "Mine", "IOS"), tokenB).status()).isEqualTo(201);
    assertThat(create("com.example.teamb", "Mine", "IOS").status()).isEqualTo(409);
  }

  @Test
  void theFormsApplesRefuses() {
    JsonNode name = AppleErrors.onlyError(create("app.capgo.plugin", "Capgo app.capgo.plugin.TutorialBuild1", "IOS"), 409,
        "id", "status", "code", "title", "detail");
    assertThat(name.path("detail").asText()).isEqualTo("'Capgo app.capgo.plugin.TutorialBuild1' is not a valid name for an app id. "
        + "Please choose a name containing only alphanumeric characters and spaces.");
    TestServer.Reply universal = create("com.example.universal", "Universal", "UNIVERSAL");
    JsonNode platform = AppleErrors.onlyError(universal, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(platform.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.TYPE");
    assertThat(platform.path("title").asText()).isEqualTo("An attribute in the provided entity has the wrong type");
    assertThat(platform.path("detail").asText()).isEqualTo("'UNIVERSAL' is not a valid value for the attribute 'platform'. Expected one of: 'IOS', 'MAC_OS'");
    assertThat(platform.at("/source/pointer").asText()).isEqualTo("/data/attributes/platform");
    for (String bad : List.of("com..example", "com.example.", ".com.example", "com.*.example", "com.exa mple", "com.example*", "a".repeat(156))) {
      TestServer.Reply r = create(bad, "Bad", "IOS");
      JsonNode e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail");
      assertThat(e.path("title").asText()).isEqualTo(INVALID_TITLE);
      assertThat(e.path("detail").asText()).startsWith("'" + bad + "' is not a valid identifier for an app id.");
      assertThat(r.header("x-braeburn-diagnosis")).contains("inferred");
    }
    assertThat(create("com.example.under_score-1", "Ok", "IOS").status()).isEqualTo(201);
  }

  @Test
  void aBundleIdWithAnAppStaysAndOneWithoutGoesWithItsCapabilities() {
    TestServer.Reply refused = server.send("DELETE", "/v1/bundleIds/" + SEED_BUNDLE_ID, null);
    JsonNode e = AppleErrors.onlyError(refused, 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("detail").asText())
        .isEqualTo("The bundle 'com.tidewaterlabs.tideline' cannot be deleted. Delete all the Apps related to this bundle to proceed.");
    assertThat(refused.header("x-braeburn-diagnosis")).contains("app 1600000001").contains("inferred");
    String id = created("com.example.gone", "IOS");
    assertThat(server.send("DELETE", "/v1/bundleIds/" + id, null).status()).isEqualTo(204);
    assertThat(server.get("/v1/bundleIds/" + id).status()).isEqualTo(404);
    assertThat(server.send("PATCH", "/v1/bundleIdCapabilities/" + id + "_GAME_CENTER_IOS", "{\"data\":{\"type\":\"bundleIdCapabilities\",\"id\":\""
        + id + "_GAME_CENTER_IOS\",\"attributes\":{\"settings\":null}}}").status()).isEqualTo(404);
    assertThat(created("com.example.gone", "IOS")).isNotEqualTo(id); // free again
  }

  @Test
  void capabilitiesAreOnePerTypeWithTheirOwnSettingsAndFewOnWildcards() {
    String id = created("com.example.capable", "IOS");
    TestServer.Reply wifi = capability(id, "ACCESS_WIFI_INFORMATION", null);
    assertThat(wifi.status()).as(wifi.body()).isEqualTo(201);
    assertThat(wifi.json().at("/data/id").asText()).isEqualTo(id + "_ACCESS_WIFI_INFORMATION");
    assertThat(wifi.header("Location")).endsWith("/v1/bundleIdCapabilities/" + id + "_ACCESS_WIFI_INFORMATION");
    JsonNode twice = AppleErrors.onlyError(capability(id, "ACCESS_WIFI_INFORMATION", null), 409, "id", "status", "code", "title", "detail", "source");
    assertThat(twice.path("detail").asText()).isEqualTo("The capability 'ACCESS_WIFI_INFORMATION' is already enabled for this App ID.");
    assertThat(capability(id, "GAME_CENTER", null).status()).isEqualTo(409); // a default one

    JsonNode unknown = AppleErrors.onlyError(capability(id, "MARZIPAN", null), 409, "id", "status", "code", "title", "detail", "source");
    assertThat(unknown.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.TYPE");
    assertThat(unknown.path("detail").asText()).startsWith("'MARZIPAN' is not a valid value for the attribute 'capabilityType'. Expected one of: 'ICLOUD', ");

    TestServer.Reply mismatched = capability(id, "DATA_PROTECTION", "[{\"key\":\"ICLOUD_VERSION\",\"options\":[{\"key\":\"XCODE_6\"}]}]");
    JsonNode setting = AppleErrors.onlyError(mismatched, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(setting.path("detail").asText()).isEqualTo("The setting 'ICLOUD_VERSION' is not a setting of the capability 'DATA_PROTECTION'.");
    assertThat(setting.at("/source/pointer").asText()).isEqualTo("/data/attributes/settings/0/key");
    TestServer.Reply option = capability(id, "DATA_PROTECTION", "[{\"key\":\"DATA_PROTECTION_PERMISSION_LEVEL\",\"options\":[{\"key\":\"XCODE_6\"}]}]");
    assertThat(AppleErrors.onlyError(option, 409, "id", "status", "code", "title", "detail", "source").at("/source/pointer").asText())
        .isEqualTo("/data/attributes/settings/0/options/0/key");
    TestServer.Reply protection = capability(id, "DATA_PROTECTION",
        "[{\"key\":\"DATA_PROTECTION_PERMISSION_LEVEL\",\"options\":[{\"key\":\"COMPLETE_PROTECTION\"}]}]");
    assertThat(protection.status()).as(protection.body()).isEqualTo(201);
    String protectionId = protection.json().at("/data/id").asText();
    TestServer.Reply changed = server.send("PATCH", "/v1/bundleIdCapabilities/" + protectionId, "{\"data\":{\"type\":\"bundleIdCapabilities\",\"id\":\""
        + protectionId + "\",\"attributes\":{\"settings\":[{\"key\":\"DATA_PROTECTION_PERMISSION_LEVEL\",\"options\":[{\"key\":\"PROTECTED_UNLESS_OPEN\"}]}]}}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().at("/data/attributes/settings/0/options/0/key").asText()).isEqualTo("PROTECTED_UNLESS_OPEN");
    assertThat(server.send("DELETE", "/v1/bundleIdCapabilities/" + protectionId, null).status()).isEqualTo(204);
    assertThat(server.send("DELETE", "/v1/bundleIdCapabilities/" + protectionId, null).status()).isEqualTo(404); // §5.2: not enabled

    String wildcard = created("com.example.wild.*", "IOS");
    TestServer.Reply push = capability(wildcard, "PUSH_NOTIFICATIONS", null);
    JsonNode refusal = AppleErrors.onlyError(push, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(refusal.path("detail").asText()).isEqualTo("The capability 'PUSH_NOTIFICATIONS' is not available for a wildcard App ID.");
    assertThat(push.header("x-braeburn-diagnosis")).contains("wildcard").contains("inferred");
    assertThat(capability(wildcard, "DATA_PROTECTION", null).status()).isEqualTo(201);
  }
}
