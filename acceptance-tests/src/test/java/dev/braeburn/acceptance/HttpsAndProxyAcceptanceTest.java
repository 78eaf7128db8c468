package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.client.ApiKeyFile;
import dev.braeburn.server.family.signing.ca.TrustStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --tls --proxy} (docs/https-and-proxy.md): clients that trust only Braeburn's exported
 * root reach it over https by localhost and, through the proxy, by Apple's host names; every other
 * destination of the proxy is refused and nothing is forwarded.
 */
class HttpsAndProxyAcceptanceTest {
  private static final String ASC = "https://api.appstoreconnect.apple.com";
  private static TestServer server;
  private static String rootsPem;
  private static SSLContext trustingBraeburn;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("demo", c -> c.withHourlyLimit(0).withTlsPort(0).withProxyPort(0));
    rootsPem = server.send("GET", "/_braeburn/ca/roots.pem", null, null).body();
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(TrustStores.of(rootsPem)); // the exported roots only: no system CA would do
    trustingBraeburn = SSLContext.getInstance("TLS");
    trustingBraeburn.init(null, trust.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void httpsWithOnlyTheExportedRootServesLinksOnTheHostTheClientUsed() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trustingBraeburn).build();
    JsonNode page = json(client, server.httpsBaseUrl() + "/v1/apps?limit=1", server.token());
    assertThat(page.path("links").path("self").asText()).startsWith(server.httpsBaseUrl() + "/v1/apps");
    assertThat(page.path("links").path("next").asText()).startsWith(server.httpsBaseUrl() + "/v1/apps?");
    JsonNode next = json(client, page.path("links").path("next").asText(), server.token());
    assertThat(next.path("data").get(0).path("id").asText()).isNotEqualTo(page.path("data").get(0).path("id").asText());
    // plain http still answers beside it, with http links
    assertThat(server.get("/v1/apps?limit=1").json().path("links").path("next").asText()).startsWith(server.baseUrl() + "/v1/apps?");
  }

  @Test
  void aClientWithOnlyAProxyAndTheRootGetsBraeburnsAnswersForApplesHost() throws Exception {
    HttpClient client = proxied();
    JsonNode page = json(client, ASC + "/v1/apps?limit=1", server.token());
    assertThat(page.path("data").get(0).path("type").asText()).isEqualTo("apps");
    assertThat(page.path("links").path("next").asText()).startsWith(ASC + "/v1/apps?");
    assertThat(json(client, page.path("links").path("next").asText(), server.token()).path("data")).hasSize(1);
  }

  @Test
  void theAppStoreServerApiHostThroughTheProxyChoosesTheSandbox() throws Exception {
    JsonNode k = server.admin("POST", "/_braeburn/keys", "{\"type\":\"IN_APP_PURCHASE\"}", null).json();
    ApiKeyFile key = ApiKeyFile.fromPem(k.path("keyId").asText(), k.path("issuerId").asText(), k.path("privateKey").asText());
    // Look Up Order ID exists only in production: the sandbox host's refusal names the environment the host chose
    HttpResponse<String> r = proxied().send(HttpRequest.newBuilder(URI.create("https://api.storekit-sandbox.itunes.apple.com/inApps/v1/lookup/MQ0PQ9CDB2"))
        .header("Authorization", "Bearer " + ServerApiAdmissionAcceptanceTest.token(key, "com.tidewaterlabs.ledgerly")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("X-Braeburn-Diagnosis").orElse("")).contains("this request addresses Sandbox");
  }

  @Test
  void curlWithHttpsProxyAndTheExportedPemGets200() throws Exception {
    assumeTrue(Processes.runs("curl", "--version"), "curl is not installed");
    Path pem = Files.writeString(Files.createTempFile("braeburn-roots", ".pem"), rootsPem);
    ProcessBuilder pb = new ProcessBuilder("curl", "-sS", "--cacert", pem.toString(), "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "Authorization: Bearer " + server.token(), ASC + "/v1/apps?limit=1").redirectErrorStream(true);
    pb.environment().keySet().removeIf(name -> name.equalsIgnoreCase("no_proxy") || name.equalsIgnoreCase("all_proxy"));
    pb.environment().put("HTTPS_PROXY", "http://127.0.0.1:" + server.server.proxyPort());
    pb.environment().put("https_proxy", "http://127.0.0.1:" + server.server.proxyPort());
    assertThat(Processes.output(pb, 60)).isEqualTo("200");
  }

  @Test
  void everyOtherDestinationIsRefusedWithTheDiagnosisAndNeverConnected() throws Exception {
    try (ServerSocket bystander = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      for (String target : List.of("example.com:443", "127.0.0.1:" + bystander.getLocalPort(), "localhost:" + bystander.getLocalPort(),
          "api.appstoreconnect.apple.com:" + bystander.getLocalPort())) {
        String answer = rawProxyRequest("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
        assertThat(answer).as(target).startsWith("HTTP/1.1 403").containsIgnoringCase("X-Braeburn-Diagnosis: Braeburn's proxy tunnels only to"
            + " Apple's hosts on port 443 (api.appstoreconnect.apple.com, ").contains("never connects to " + target);
      }
      bystander.setSoTimeout(200); // bounded: a refused CONNECT opened nothing, so nothing is ever accepted
      try (Socket accepted = bystander.accept()) {
        throw new AssertionError("the proxy connected to " + accepted.getRemoteSocketAddress());
      } catch (SocketTimeoutException expected) {
        // nothing came
      }
    }
    assertThat(rawProxyRequest("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        .startsWith("HTTP/1.1 403").contains("never forwards to example.com");
    assertThat(rawProxyRequest("GET http://api.appstoreconnect.apple.com/v1/apps HTTP/1.1\r\nHost: api.appstoreconnect.apple.com\r\n\r\n"))
        .startsWith("HTTP/1.1 403").contains("Apple's hosts answer over https only: ask for https://api.appstoreconnect.apple.com/v1/apps");
    JsonNode journal = server.admin("GET", "/_braeburn/requests?status=403", null, null).json();
    assertThat(journal.toString()).contains("CONNECT", "example.com:443");
  }

  /** axios's proxy option (Expo's EXPO_APP_STORE_USE_PROXY) sends the https URL in plain text to the proxy, as to Charles. */
  @Test
  void anAbsoluteHttpsUrlSentInPlainTextIsAnsweredAsThatUrl() throws Exception {
    String answer = rawProxyRequest("GET " + ASC + "/v1/apps?limit=1 HTTP/1.1\r\nHost: api.appstoreconnect.apple.com\r\n"
        + "Authorization: Bearer " + server.token() + "\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200").contains("\"next\":\"" + ASC + "/v1/apps?");
  }

  @Test
  void nodeAppStoreConnectApiWalksEveryPageOverHttps() throws Exception {
    Path project = Path.of("src/test/node");
    assumeTrue(Files.isDirectory(project.resolve("node_modules/node-app-store-connect-api")), "run npm ci --prefix acceptance-tests/src/test/node");
    assumeTrue(Processes.runs("node", "--version"), "node is not installed");
    JsonNode key = server.admin("POST", "/_braeburn/keys", "{\"type\":\"TEAM\",\"roles\":[\"ADMIN\"]}", null).json();
    Path pem = Files.writeString(Files.createTempFile("braeburn-roots", ".pem"), rootsPem);
    ProcessBuilder pb = new ProcessBuilder("node", "asc-pages.mjs").directory(project.toFile()).redirectErrorStream(true);
    pb.environment().put("NODE_EXTRA_CA_CERTS", pem.toString());
    pb.environment().put("BASE_URL", server.httpsBaseUrl());
    pb.environment().put("ISSUER_ID", key.path("issuerId").asText());
    pb.environment().put("KEY_ID", key.path("keyId").asText());
    pb.environment().put("PRIVATE_KEY_PEM", key.path("privateKey").asText());
    String output = Processes.output(pb, 120);
    int apps = server.get("/v1/apps?limit=200").json().path("data").size();
    assertThat(apps).isGreaterThan(2);
    List<String> requested = output.lines().filter(l -> l.contains("requesting ")).toList();
    assertThat(requested).as(output).hasSize((apps + 1) / 2).allMatch(l -> l.contains("requesting " + server.httpsBaseUrl() + "/v1/apps?"));
    JsonNode result = TestServer.JSON.readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    assertThat(result.path("count").asInt()).as(output).isEqualTo(apps);
  }

  /** Expo's switch names no port: the test needs 8888 free and is skipped when it is not. */
  @Test
  void expoAppleUtilsWithItsProxySwitchGetsBraeburnsApps() throws Exception {
    Path project = Path.of("src/test/node");
    assumeTrue(Files.isDirectory(project.resolve("node_modules/@expo/apple-utils")), "run npm ci --prefix acceptance-tests/src/test/node");
    assumeTrue(Processes.runs("node", "--version"), "node is not installed");
    assumeTrue(portFree(8888), "port 8888 (Expo's fixed proxy port) is taken");
    try (TestServer expo = TestServer.start("demo", c -> c.withHourlyLimit(0).withTlsPort(0).withProxyPort(8888))) {
      ProcessBuilder pb = new ProcessBuilder("node", "expo-apps.cjs").directory(project.toFile()).redirectErrorStream(true);
      pb.environment().put("EXPO_APP_STORE_USE_PROXY", "1");
      pb.environment().put("NODE_EXTRA_CA_CERTS", Files.writeString(Files.createTempFile("braeburn-roots", ".pem"), rootsPem).toString());
      pb.environment().put("TOKEN", expo.token());
      String output = Processes.output(pb, 120);
      JsonNode result = TestServer.JSON.readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
      assertThat(result.path("count").asInt()).as(output).isEqualTo(expo.get("/v1/apps?limit=200").json().path("data").size());
      assertThat(result.path("bundleIds").toString()).contains("com.tidewaterlabs.");
    }
  }

  private static boolean portFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static HttpClient proxied() {
    return HttpClient.newBuilder().sslContext(trustingBraeburn)
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.server.proxyPort()))).build();
  }

  private static JsonNode json(HttpClient client, String url, String token) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body());
  }

  /** Sends {@code request} as it is to the proxy port; the whole answer, headers and body, up to the connection's end. */
  private static String rawProxyRequest(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.server.proxyPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
