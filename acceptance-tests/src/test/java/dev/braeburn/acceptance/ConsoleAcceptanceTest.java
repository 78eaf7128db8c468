package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console (docs/console.md) over HTTP as a browser uses it: a cookie jar, form posts, 303
 * redirects followed. Sign-in with the admin token, the pages, the clock's forms and their form
 * token, and escaping of every value.
 */
class ConsoleAcceptanceTest {
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A browser-like client: its own cookie jar, following redirects (a 303 after a POST becomes a GET). */
  private static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient client, String path, String form) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient signedIn() throws Exception {
    HttpClient client = browser();
    HttpResponse<String> page = post(client, "/_braeburn/console/login", "token=" + URLEncoder.encode(server.server.adminToken(), StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/_braeburn/console/teams");
    return client;
  }

  private static String formToken(String html) {
    Matcher m = FORM_TOKEN.matcher(html);
    assertThat(m.find()).as("a form token in the page").isTrue();
    return m.group(1);
  }

  @Test
  void withoutASessionTheConsoleShowsTheSignInPageAndEveryOtherPageRedirectsToIt() throws Exception {
    HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> root = get(noRedirects, "/_braeburn/console");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).contains("name=\"token\"").doesNotContain("Teams and keys</a>");
    for (String page : new String[] {"/_braeburn/console/teams", "/_braeburn/console/requests", "/_braeburn/console/clock"}) {
      HttpResponse<String> r = get(noRedirects, page);
      assertThat(r.statusCode()).as(page).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(page).contains("/_braeburn/console");
    }
    HttpResponse<String> freeze = post(noRedirects, "/_braeburn/console/clock/freeze", "formToken=x");
    assertThat(freeze.statusCode()).isEqualTo(303);
    assertThat(server.admin("GET", "/_braeburn/clock", null, null).json().path("frozen").asBoolean()).isFalse();
  }

  @Test
  void aWrongTokenIsRefusedAndTheRightOneSignsInWithAnHttpOnlyStrictCookie() throws Exception {
    HttpClient client = browser();
    HttpResponse<String> wrong = post(client, "/_braeburn/console/login", "token=not-the-token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("That is not the admin token");
    assertThat(get(client, "/_braeburn/console/teams").uri().getPath()).isEqualTo("/_braeburn/console");

    HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> right = post(noRedirects, "/_braeburn/console/login",
        "token=" + URLEncoder.encode(server.server.adminToken(), StandardCharsets.UTF_8));
    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(right.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict", "Path=/_braeburn/console");

    HttpClient signed = signedIn();
    HttpResponse<String> teams = get(signed, "/_braeburn/console/teams");
    assertThat(teams.body()).contains(server.issuerId, server.keyId, "Log out");
    assertThat(teams.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
    HttpResponse<String> out = post(signed, "/_braeburn/console/logout", "formToken=" + formToken(teams.body()));
    assertThat(out.uri().getPath()).isEqualTo("/_braeburn/console");
    assertThat(out.body()).contains("name=\"token\"");
    assertThat(get(signed, "/_braeburn/console/teams").uri().getPath()).isEqualTo("/_braeburn/console");
  }

  @Test
  void theRequestsPageShowsARefusedRequestAndItsDiagnosisFilteredByStatusAndPath() throws Exception {
    TestServer.Reply refused = server.send("GET", "/v1/apps?console=probe", null, "not-a-jwt");
    assertThat(refused.status()).isEqualTo(401);
    String diagnosis = server.admin("GET", "/_braeburn/requests?status=401", null, null).json().path("data").get(0).path("diagnosis").asText();
    assertThat(diagnosis).isNotBlank();
    server.get("/v1/apps"); // a 200 the status filter leaves out

    HttpClient client = signedIn();
    String page = get(client, "/_braeburn/console/requests?status=401&path=console%3Dprobe").body();
    assertThat(page).contains("/v1/apps?console=probe", "<td>401</td>", escape(diagnosis));
    assertThat(page).doesNotContain("<td>200</td>");
    assertThat(get(client, "/_braeburn/console/requests?path=no-such-path").body()).doesNotContain("/v1/apps");
    assertThat(get(client, "/_braeburn/console/requests?status=200").body()).contains("<td>200</td>").doesNotContain("console=probe");
  }

  @Test
  void theClockFormsFreezeAndAdvanceAndAPostWithoutTheFormTokenIsRefused() throws Exception {
    HttpClient client = signedIn();
    String page = get(client, "/_braeburn/console/clock").body();
    String token = formToken(page);

    assertThat(post(client, "/_braeburn/console/clock/freeze", "").statusCode()).isEqualTo(403);
    assertThat(post(client, "/_braeburn/console/clock/freeze", "formToken=forged").statusCode()).isEqualTo(403);
    assertThat(server.admin("GET", "/_braeburn/clock", null, null).json().path("frozen").asBoolean()).isFalse();

    HttpResponse<String> frozen = post(client, "/_braeburn/console/clock/freeze", "formToken=" + token);
    assertThat(frozen.uri().getPath()).isEqualTo("/_braeburn/console/clock");
    assertThat(frozen.body()).contains("<td>Frozen</td><td>yes</td>");
    var before = java.time.Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText());

    post(client, "/_braeburn/console/clock/advance", "formToken=" + token + "&hours=1");
    post(client, "/_braeburn/console/clock/advance", "formToken=" + token + "&days=1");
    var clock = server.admin("GET", "/_braeburn/clock", null, null).json();
    assertThat(clock.path("frozen").asBoolean()).isTrue();
    assertThat(java.time.Instant.parse(clock.path("now").asText())).isEqualTo(before.plusSeconds(3600 + 86_400));
    assertThat(get(client, "/_braeburn/console/clock").body()).contains(clock.path("now").asText());

    post(client, "/_braeburn/console/clock/resume", "formToken=" + token);
    assertThat(server.admin("GET", "/_braeburn/clock", null, null).json().path("frozen").asBoolean()).isFalse();
  }

  @Test
  void everyValueIsEscaped() throws Exception {
    server.admin("POST", "/_braeburn/keys", "{\"role\":\"DEVELOPER\",\"name\":\"<script>alert('key')</script>\"}", null);
    HttpClient client = signedIn();
    String teams = get(client, "/_braeburn/console/teams").body();
    assertThat(teams).contains("&lt;script&gt;alert(&#39;key&#39;)&lt;/script&gt;").doesNotContain("<script>");
    String requests = get(client, "/_braeburn/console/requests?path=%3Cscript%3E%22").body();
    assertThat(requests).contains("value=\"&lt;script&gt;&quot;\"").doesNotContain("<script>");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
