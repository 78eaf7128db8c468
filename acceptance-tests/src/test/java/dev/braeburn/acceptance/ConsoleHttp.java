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
 * The console over HTTP as a browser uses it, for tests: one signed-in client with its own cookie
 * jar that follows redirects (a 303 after a POST becomes a GET), and the page's form token.
 */
final class ConsoleHttp {
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

  private final TestServer server;
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private String formToken;

  private ConsoleHttp(TestServer server) {
    this.server = server;
  }

  /** Signed in with the admin token, on the Teams and keys page. */
  static ConsoleHttp signIn(TestServer server) throws Exception {
    ConsoleHttp console = new ConsoleHttp(server);
    HttpResponse<String> page = console.post("login", "token=" + URLEncoder.encode(server.server.adminToken(), StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/_braeburn/console/teams");
    return console;
  }

  /** GET of a console page (path under /_braeburn/console/, query allowed, or an absolute path from a link). */
  HttpResponse<String> get(String page) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = FORM_TOKEN.matcher(r.body());
    if (m.find()) {
      formToken = m.group(1);
    }
    return r;
  }

  /** The body of a console page (as {@link #get}), expected to answer 200. */
  String page(String page) throws Exception {
    HttpResponse<String> r = get(page);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** A form post carrying the session's form token (read from the last page that had one). */
  HttpResponse<String> submit(String page, String form) throws Exception {
    if (formToken == null) {
      get("teams");
    }
    return post(page, "formToken=" + URLEncoder.encode(formToken, StandardCharsets.UTF_8) + (form.isEmpty() ? "" : "&" + form));
  }

  /** As {@link #submit}, the answer's body as bytes (a download). */
  HttpResponse<byte[]> download(String page) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(page)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("formToken=" + URLEncoder.encode(formToken, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> post(String page, String form) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(page)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String page) {
    return URI.create(server.baseUrl() + (page.startsWith("/") ? page : "/_braeburn/console/" + page));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
