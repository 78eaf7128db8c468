package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's key actions, resource browser and scheduled work over HTTP (docs/console.md):
 * a key created in the console downloads once; a key revoked there is refused at once; the
 * browser walks from a demo app to a related resource; the Clock page lists what is scheduled.
 */
class ConsoleKeysAcceptanceTest extends SharedDemoServerTest {
  static final String APP = "1600000001"; // demo seed
  private static final Pattern RELATED = Pattern.compile("<table class=\"relationships\">.*?<a href=\"([^\"]+)\">([^<]+)</a>", Pattern.DOTALL);

  private static JsonNode keyNamed(String name) {
    for (JsonNode key : server.admin("GET", "/_braeburn/keys", null, null).json().path("data")) {
      if (name.equals(key.path("name").asText())) {
        return key;
      }
    }
    throw new AssertionError("no key named " + name);
  }

  @Test
  void aKeyCreatedInTheConsoleDownloadsOnceAsApplesFileAndWorks() throws Exception {
    ConsoleHttp console = ConsoleHttp.signIn(server);
    String teams = console.get("teams").body();
    assertThat(teams).contains("name=\"roles\" value=\"APP_MANAGER\"", "name=\"roles\" value=\"GENERATE_INDIVIDUAL_KEYS\"",
        "<option>IN_APP_PURCHASE</option>", "<option>SIGN_IN_WITH_APPLE</option>");

    HttpResponse<String> created = console.submit("keys/create",
        "issuerId=" + server.issuerId + "&name=CI%20pipeline&type=TEAM&roles=APP_MANAGER");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.uri().getPath()).isEqualTo("/_braeburn/console/keys/created");
    JsonNode key = keyNamed("CI pipeline");
    String keyId = key.path("keyId").asText();
    assertThat(key.path("roles").toString()).isEqualTo("[\"APP_MANAGER\"]");
    assertThat(created.body()).contains("Download the key", "Download AuthKey_" + keyId + ".p8").doesNotContain("PRIVATE KEY");

    HttpResponse<byte[]> file = console.download("keys/download");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"AuthKey_" + keyId + ".p8\"");
    String pem = new String(file.body(), StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    String token = ApiKeyFile.fromPem(keyId, server.issuerId, pem).token().build();
    assertThat(server.send("GET", "/v1/apps", null, token).status()).isEqualTo(200);

    assertThat(console.download("keys/download").statusCode()).as("a key downloads once").isEqualTo(410);
    assertThat(console.get("keys/created").body()).contains("no key waiting").doesNotContain("AuthKey_" + keyId);
  }

  @Test
  void anInAppPurchaseKeyDownloadsAsASubscriptionKeyAndIgnoresTickedRoles() throws Exception {
    ConsoleHttp console = ConsoleHttp.signIn(server);
    HttpResponse<String> created = console.submit("keys/create", "issuerId=" + server.issuerId + "&name=Server%20API&type=IN_APP_PURCHASE&roles=ADMIN");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String keyId = keyNamed("Server API").path("keyId").asText();
    HttpResponse<byte[]> file = console.download("keys/download");
    assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"SubscriptionKey_" + keyId + ".p8\"");
  }

  @Test
  void aTeamKeyWithTwoRolesIsRefusedWithTheAdminApisReason() throws Exception {
    ConsoleHttp console = ConsoleHttp.signIn(server);
    HttpResponse<String> refused = console.submit("keys/create", "issuerId=" + server.issuerId + "&type=TEAM&roles=ADMIN&roles=SALES");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("a team key has exactly one role");
    assertThat(console.download("keys/download").statusCode()).isEqualTo(410);
  }

  @Test
  void aKeyRevokedInTheConsoleIsRefusedAtOnce() throws Exception {
    TestServer.Key key = server.createKey("DEVELOPER", null);
    String token = key.token();
    assertThat(server.send("GET", "/v1/apps", null, token).status()).isEqualTo(200);
    ConsoleHttp console = ConsoleHttp.signIn(server);
    assertThat(console.get("teams").body()).contains("keys/revoke?keyId=" + key.keyId());

    HttpResponse<String> confirm = console.get("keys/revoke?keyId=" + key.keyId());
    assertThat(confirm.body()).contains("Revoke key " + key.keyId(), "Cancel");
    assertThat(server.send("GET", "/v1/apps", null, token).status()).as("asking is not revoking").isEqualTo(200);

    HttpResponse<String> after = console.submit("keys/revoke", "keyId=" + key.keyId());
    assertThat(after.uri().getPath()).isEqualTo("/_braeburn/console/teams");
    assertThat(after.body()).doesNotContain("keys/revoke?keyId=" + key.keyId());
    assertThat(server.send("GET", "/v1/apps", null, token).status()).isEqualTo(401);
    assertThat(console.get("keys/revoke?keyId=NOSUCHKEY").statusCode()).isEqualTo(404);
  }

  @Test
  void aTeamCreatedInTheConsoleIsListed() throws Exception {
    ConsoleHttp console = ConsoleHttp.signIn(server);
    HttpResponse<String> after = console.submit("teams/create", "name=" + ConsoleHttp.encode("Console <Team>"));
    assertThat(after.uri().getPath()).isEqualTo("/_braeburn/console/teams");
    assertThat(after.body()).contains("Console &lt;Team&gt;");
    assertThat(server.admin("GET", "/_braeburn/teams", null, null).body()).contains("Console <Team>");
  }

  @Test
  void theResourceBrowserWalksFromADemoAppToARelatedResource() throws Exception {
    ConsoleHttp console = ConsoleHttp.signIn(server);
    JsonNode types = server.admin("GET", "/_braeburn/resources", null, server.issuerId).json().path("data");
    assertThat(types).isNotEmpty();
    types.forEach(t -> assertThat(t.path("type").asText()).doesNotStartWith("_"));
    long apps = 0;
    for (JsonNode t : types) {
      apps = t.path("type").asText().equals("apps") ? t.path("count").asLong() : apps;
    }
    String list = console.get("resources?team=" + server.issuerId).body();
    assertThat(list).contains(">apps</a></td><td>" + apps + "</td>");

    String appsPage = console.get("resources?team=" + server.issuerId + "&type=apps").body();
    assertThat(appsPage).contains("/_braeburn/console/resources/apps/" + APP + "?team=" + server.issuerId, "Tideline");

    HttpResponse<String> app = console.get("resources/apps/" + APP + "?team=" + server.issuerId);
    assertThat(app.statusCode()).isEqualTo(200);
    assertThat(app.body()).contains("Tideline: Tides &amp; Surf", "appStoreVersions");
    Matcher related = RELATED.matcher(app.body());
    assertThat(related.find()).as("a related resource link").isTrue();
    String[] typeAndId = related.group(2).split(" ");
    HttpResponse<String> target = console.get(related.group(1).replace("&amp;", "&"));
    assertThat(target.statusCode()).isEqualTo(200);
    assertThat(target.body()).contains("<h1>" + typeAndId[0] + " " + typeAndId[1] + "</h1>");
  }

  @Test
  void theAdminApiPagesAResourceTypeAndHidesBraeburnsOwnTypes() {
    JsonNode first = server.admin("GET", "/_braeburn/resources?type=territories&limit=50", null, server.issuerId).json();
    assertThat(first.path("data")).hasSize(50);
    assertThat(first.path("meta").path("paging").path("total").asLong()).isGreaterThan(50);
    String next = first.path("links").path("next").asText();
    JsonNode second = server.admin("GET", next, null, server.issuerId).json();
    assertThat(second.path("data").get(0).path("id").asText()).isNotEqualTo(first.path("data").get(0).path("id").asText());

    JsonNode app = server.admin("GET", "/_braeburn/resources/apps/" + APP, null, server.issuerId).json().path("data");
    assertThat(app.path("attributes").path("bundleId").asText()).isEqualTo("com.tidewaterlabs.tideline");
    assertThat(app.path("relationships").path("appStoreVersions").path("data")).isNotEmpty();
    assertThat(server.admin("GET", "/_braeburn/resources/apps/nope", null, server.issuerId).status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/resources/_quirks/x", null, server.issuerId).status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/resources?type=_quirks", null, server.issuerId).status()).isEqualTo(404);
    assertThat(server.admin("GET", "/_braeburn/resources?type=apps&limit=0", null, server.issuerId).status()).isEqualTo(409);
  }

  @Test
  void theClockPageListsWhatIsScheduledSoonestFirst() throws Exception {
    JsonNode tasks = server.admin("GET", "/_braeburn/tasks?limit=50", null, null).json().path("data");
    assertThat(tasks).as("the demo's review in flight has work scheduled").isNotEmpty();
    String page = ConsoleHttp.signIn(server).get("clock").body();
    assertThat(page).contains("What is scheduled", "<table class=\"tasks\">");
    String firstRow = "<tr><td>" + tasks.get(0).path("dueAt").asText() + "</td><td>" + tasks.get(0).path("kind").asText() + "</td>";
    assertThat(page).contains(firstRow);
    assertThat(page.indexOf(firstRow)).isLessThan(page.indexOf("<td>" + tasks.get(tasks.size() - 1).path("dueAt").asText() + "</td>") + 1);
  }
}
