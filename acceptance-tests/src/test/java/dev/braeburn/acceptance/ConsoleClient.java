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

/**
 * The console over HTTP as a browser uses it, signed in: a cookie jar, form posts carrying the
 * page's form token, 303 redirects followed (a 303 after a POST becomes a GET).
 */
final class ConsoleClient {
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

  private final TestServer server;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private String formToken;

  private ConsoleClient(TestServer server) {
    this.server = server;
  }

  static ConsoleClient signIn(TestServer server) throws Exception {
    ConsoleClient client = new ConsoleClient(server);
    HttpResponse<String> teams = client.send("/_braeburn/console/login",
        "token=" + URLEncoder.encode(server.server.adminToken(), StandardCharsets.UTF_8));
    assertThat(teams.statusCode()).isEqualTo(200);
    Matcher m = FORM_TOKEN.matcher(teams.body());
    assertThat(m.find()).as("a form token in the page").isTrue();
    client.formToken = m.group(1);
    return client;
  }

  /** A page under /_braeburn/console/ (query allowed), expected to answer 200. */
  String page(String page) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_braeburn/console/" + page)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** Posts a form (fields as "a=b&c=d", encoded by the caller) with the form token; the answer after the redirect. */
  HttpResponse<String> post(String page, String fields) throws Exception {
    return send("/_braeburn/console/" + page, "formToken=" + URLEncoder.encode(formToken, StandardCharsets.UTF_8) + "&" + fields);
  }

  private HttpResponse<String> send(String path, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
