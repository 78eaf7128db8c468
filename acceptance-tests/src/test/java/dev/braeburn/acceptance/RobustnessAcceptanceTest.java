package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The four robustness defects of issue 12 §4, each as a regression test over real HTTP, on both
 * stores: (1) client sizes bounded before any work — an absurd {@code fileSize} is a quick 409
 * while another team's writes go on; (2) every 5xx is Apple's 500 and in the journal, and a failure
 * inside a write transaction leaves the writer free; (3) a connection is closed only with notice —
 * after a malformed request line the next request on the same connection is answered, or the
 * answer said {@code Connection: close}; (4) a body that is not exactly one UTF-8 JSON document is
 * 400 {@code ENTITY_INVALID}, for the API and the admin API.
 */
class RobustnessAcceptanceTest {
  static final String LOCALIZATION = "cddec1c8-5ede-52c2-ad7e-1025e2774d7e"; // demo seed: the editable 3.5.0's en-US (a live one is locked)
  static final String BUNDLE = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"Robust\","
      + "\"identifier\":\"com.example.robust%s\",\"platform\":\"IOS\"}}}";

  TestServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  // ---------------------------------------------------------------- (1) sizes bounded before any work

  @Test
  @Timeout(120) // a hang guard, not a measurement: before the fix one such request ran ~36 s and then out of heap
  void anAbsurdFileSizeIsRefusedWith409BeforeAnyWorkWhileAnotherTeamKeepsWriting() throws Exception {
    String setId = screenshotSet();
    String teamB = server.createTeam("Team B");
    String tokenB = server.createKey("ADMIN", teamB).token();
    List<String> absurd = List.of("9223372036854775808", "1234567890123456789012345678901234567890", "9000000000000000000", "-1", "0");
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<CompletableFuture<TestServer.Reply>> refused = new ArrayList<>();
      for (String size : absurd) {
        refused.add(CompletableFuture.supplyAsync(() -> server.send("POST", "/v1/appScreenshots", screenshot(setId, size)), pool));
      }
      List<CompletableFuture<TestServer.Reply>> others = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String body = BUNDLE.formatted("b" + i);
        others.add(CompletableFuture.supplyAsync(() -> server.send("POST", "/v1/bundleIds", body, tokenB), pool));
      }
      for (int i = 0; i < absurd.size(); i++) {
        TestServer.Reply r = refused.get(i).join();
        assertThat(r.status()).as(absurd.get(i) + ": " + r.body()).isEqualTo(409);
        JsonNode error = r.json().at("/errors/0");
        assertThat(error.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
        assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/attributes/fileSize");
        assertThat(error.path("detail").asText()).contains("fileSize");
      }
      for (CompletableFuture<TestServer.Reply> other : others) {
        assertThat(other.join().status()).as(other.join().body()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    JsonNode journal = server.admin("GET", "/_braeburn/requests?status=409&limit=50", null, null).json().path("data");
    assertThat(journal.findValuesAsText("path")).filteredOn("/v1/appScreenshots"::equals).hasSize(absurd.size());
    assertThat(server.admin("GET", "/_braeburn/requests?status=500", null, null).json().path("data")).isEmpty();

    // the largest accepted size still answers its operations, and a build file past the spec's bound is refused the same way
    TestServer.Reply largest = server.send("POST", "/v1/appScreenshots", screenshot(setId, Long.toString(64L * 1024 * 1024)));
    assertThat(largest.status()).as(largest.body()).isEqualTo(201);
    assertThat(largest.json().at("/data/attributes/uploadOperations")).hasSize(13);
    TestServer.Reply tooLarge = server.send("POST", "/v1/appScreenshots", screenshot(setId, Long.toString(64L * 1024 * 1024 + 1)));
    assertThat(tooLarge.json().at("/errors/0/detail").asText()).contains("from 1 to 67108864");
    TestServer.Reply notWhole = server.send("POST", "/v1/appScreenshots", screenshot(setId, "1e30"));
    assertThat(notWhole.status()).isEqualTo(409);
    assertThat(notWhole.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/fileSize");
  }

  @Test
  void otherClientSizesAreBoundedWithAppleFormatRefusals() {
    // an integer attribute past 64 bits (stored, it would wrap wherever read as a long)
    TestServer.Reply huge = server.send("POST", "/v1/appScreenshots", screenshot(screenshotSet(), "99999999999999999999"));
    assertThat(huge.status()).isEqualTo(409);
    assertThat(huge.json().at("/errors/0/detail").asText()).contains("64-bit integer");
    // more than 1,000 identifiers in one linkage array
    StringBuilder many = new StringBuilder("{\"data\":[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",").append("{\"type\":\"betaTesters\",\"id\":\"t").append(i).append("\"}");
    }
    TestServer.Reply linkages = server.send("POST", "/v1/betaGroups/any/relationships/betaTesters", many.append("]}").toString());
    assertThat(linkages.status()).as(linkages.body()).isEqualTo(409);
    assertThat(linkages.json().at("/errors/0/detail").asText()).contains("at most 1000");
    // a clock advance past ten years, or past 64 bits: refused, nothing runs
    for (String advance : List.of("{\"days\":3661}", "{\"seconds\":1234567890123456789012345678901234567890}", "{\"days\":9223372036854775807}")) {
      TestServer.Reply r = server.admin("POST", "/_braeburn/clock/advance", advance, null);
      assertThat(r.status()).as(advance + ": " + r.body()).isEqualTo(409);
      assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    }
    // a cursor of the right encoding but another shape: 400, not a failure
    String cursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"p\":{\"0\":1},\"v\":{\"0\":1},\"s\":1}".getBytes(StandardCharsets.UTF_8));
    TestServer.Reply paged = server.get("/v1/apps?sort=name&cursor=" + cursor);
    assertThat(paged.status()).as(paged.body()).isEqualTo(400);
    assertThat(paged.json().at("/errors/0/source/parameter").asText()).isEqualTo("cursor");
    assertThat(server.admin("GET", "/_braeburn/requests?status=500", null, null).json().path("data")).isEmpty();
  }

  // ---------------------------------------------------------------- (2) every 5xx in the journal

  @Test
  void aFailureInsideAWriteTransactionIsApples500InTheJournalAndTheWriterStaysFree() {
    AtomicBoolean fail = new AtomicBoolean(true);
    server.server.handlers().register("bundleIds_createInstance", ctx -> {
      if (fail.get()) {
        ctx.services().store().write(ctx.principal().issuerId(), tx -> {
          throw new OutOfMemoryError("Java heap space (simulated)");
        });
      }
      return dev.braeburn.server.engine.GenericWrites.create(ctx, (tx, created) -> { });
    });
    TestServer.Reply failed = server.send("POST", "/v1/bundleIds", BUNDLE.formatted("oom"));
    assertThat(failed.status()).isEqualTo(500);
    JsonNode error = failed.json().at("/errors/0");
    assertThat(error.path("status").asText()).isEqualTo("500");
    assertThat(error.path("code").asText()).isEqualTo("UNEXPECTED_ERROR");
    assertThat(failed.body()).doesNotContain("OutOfMemoryError");
    JsonNode entry = server.admin("GET", "/_braeburn/requests?status=500", null, null).json().at("/data/0");
    assertThat(entry.path("path").asText()).isEqualTo("/v1/bundleIds");
    assertThat(entry.path("errorCode").asText()).isEqualTo("UNEXPECTED_ERROR");
    assertThat(entry.path("diagnosis").asText()).contains("java.lang.OutOfMemoryError").contains("Java heap space (simulated)");

    fail.set(false); // the same team's next write gets the writer at once: the failed transaction was rolled back and released
    TestServer.Reply next = server.send("POST", "/v1/bundleIds", BUNDLE.formatted("after"));
    assertThat(next.status()).as(next.body()).isEqualTo(201);
    assertThat(server.get("/v1/bundleIds?filter[identifier]=com.example.robustoom").json().path("data")).isEmpty();
  }

  // ---------------------------------------------------------------- (3) connections closed only with notice

  @Test
  void afterAMalformedRequestLineTheConnectionStaysUsableOrTheAnswerSaysConnectionClose() throws Exception {
    // refused by Braeburn's own code: the connection stays open for the next request
    for (String target : List.of("/v1/apps%2F1", "/v1//apps", "/v1/apps/%u0041", "/v1/apps/%C0%80", "/_uploads/x%2Fy/1", "/_braeburn//health")) {
      List<RawResponse> answers = twoOnOneConnection(target);
      assertThat(answers).as(target).hasSize(2);
      assertThat(answers.get(0).status()).as(target).isEqualTo(400);
      assertThat(answers.get(0).json().at("/errors/0/status").asText()).isEqualTo("400");
      assertThat(answers.get(1).status()).as(target + " then health").isEqualTo(200);
    }
    // dot segments reach the router, which does not know them: 404, connection open
    for (String target : List.of("/v1/./apps", "/v1/../v1/apps")) {
      List<RawResponse> answers = twoOnOneConnection(target);
      assertThat(answers).as(target).hasSize(2);
      assertThat(answers.get(1).status()).isEqualTo(200);
    }
    // what Jetty's parser cannot take: Apple-format answer with Connection: close, then the close
    for (String target : List.of("/v1/apps/%zz", "/v1/apps/%00", "/../v1/apps", "/v1/apps?x=" + "a".repeat(70_000))) {
      List<RawResponse> answers = twoOnOneConnection(target);
      String shown = target.length() > 40 ? target.substring(0, 40) + "…" : target;
      assertThat(answers).as(shown).hasSize(1);
      RawResponse first = answers.getFirst();
      assertThat(first.status()).as(shown).isIn(400, 414);
      assertThat(first.headers().get("connection")).as(shown).isEqualToIgnoringCase("close");
      assertThat(first.headers().get("content-type")).isEqualTo("application/json");
      assertThat(first.json().at("/errors/0/status").asText()).isEqualTo(Integer.toString(first.status()));
    }
  }

  @Test
  void aBodyDeclaredFarAboveTheCapIsAnswered413WithConnectionClose() throws Exception {
    // 100 MiB declared, a few bytes sent: the rest of the stream is not a next request, so the connection must end with notice
    List<RawResponse> answers = rawThenHealth("POST /v1/bundleIds HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 104857600\r\n\r\n{\"data\":");
    assertThat(answers).isNotEmpty();
    assertThat(answers.getFirst().status()).isEqualTo(413);
    assertThat(answers.getFirst().json().at("/errors/0/code").asText()).isEqualTo("ENTITY_TOO_LARGE");
    assertThat(answers.getFirst().headers().get("connection")).isEqualToIgnoringCase("close");
  }

  // ---------------------------------------------------------------- (4) exactly one JSON document

  @Test
  void aBodyThatIsNotExactlyOneUtf8JsonDocumentIsEntityInvalid() throws Exception {
    String valid = BUNDLE.formatted("json");
    Map<String, byte[]> refused = new LinkedHashMap<>();
    refused.put("trailing garbage", (valid + " x").getBytes(StandardCharsets.UTF_8));
    refused.put("two documents", (valid + valid).getBytes(StandardCharsets.UTF_8));
    refused.put("duplicate key", valid.replace("\"name\":\"Robust\"", "\"name\":\"Robust\",\"name\":\"Again\"").getBytes(StandardCharsets.UTF_8));
    refused.put("UTF-16 with BOM", valid.getBytes(StandardCharsets.UTF_16));
    refused.put("UTF-16LE without BOM", valid.getBytes(StandardCharsets.UTF_16LE));
    refused.put("invalid UTF-8", concat(valid.substring(0, valid.length() - 4),
        new byte[] {(byte) 0xC3, 0x28}, "\"}}}"));
    refused.put("nesting 100 deep", ("{\"data\":" + "[".repeat(100) + "]".repeat(100) + "}").getBytes(StandardCharsets.UTF_8));
    refused.put("a 60-digit number", ("{\"data\":" + "9".repeat(60) + "}").getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> body : refused.entrySet()) {
      HttpResponse<String> r = post("/v1/bundleIds", body.getValue(), "Bearer " + server.token());
      assertThat(r.statusCode()).as(body.getKey() + ": " + r.body()).isEqualTo(400);
      JsonNode error = TestServer.JSON.readTree(r.body()).at("/errors/0");
      assertThat(error.path("code").asText()).as(body.getKey()).isEqualTo("ENTITY_INVALID");
      assertThat(error.path("detail").asText()).as(body.getKey()).startsWith("JSON processing failed");
    }
    assertThat(server.get("/v1/bundleIds?filter[identifier]=com.example.robustjson").json().path("data")).isEmpty();

    // a UTF-8 byte order mark is skipped (RFC 8259 §8.1 lets parsers ignore it)
    HttpResponse<String> bom = post("/v1/bundleIds", concat("\uFEFF" + valid, new byte[0], ""), "Bearer " + server.token());
    assertThat(bom.statusCode()).as(bom.body()).isEqualTo(201);

    // the admin API reads its bodies the same way
    for (String body : List.of("{\"name\":\"A\",\"name\":\"B\"}", "{\"name\":\"A\"} {}", "{\"name\":\"A\"}x")) {
      HttpResponse<String> r = post("/_braeburn/teams", body.getBytes(StandardCharsets.UTF_8), "Bearer " + server.server.adminToken());
      assertThat(r.statusCode()).as(body + ": " + r.body()).isEqualTo(400);
      assertThat(TestServer.JSON.readTree(r.body()).at("/errors/0/code").asText()).isEqualTo("ENTITY_INVALID");
    }
    HttpResponse<String> utf16 = post("/_braeburn/clock/advance", "{\"seconds\":1}".getBytes(StandardCharsets.UTF_16),
        "Bearer " + server.server.adminToken());
    assertThat(utf16.statusCode()).as(utf16.body()).isEqualTo(400);
  }

  // ---------------------------------------------------------------- helpers

  private String screenshotSet() {
    TestServer.Reply set = server.send("POST", "/v1/appScreenshotSets", "{\"data\":{\"type\":\"appScreenshotSets\",\"attributes\":"
        + "{\"screenshotDisplayType\":\"APP_IPHONE_67\"},\"relationships\":{\"appStoreVersionLocalization\":{\"data\":"
        + "{\"type\":\"appStoreVersionLocalizations\",\"id\":\"" + LOCALIZATION + "\"}}}}}");
    assertThat(set.status()).as(set.body()).isEqualTo(201);
    return set.json().at("/data/id").asText();
  }

  private static String screenshot(String setId, String fileSize) {
    return "{\"data\":{\"type\":\"appScreenshots\",\"attributes\":{\"fileName\":\"shot.png\",\"fileSize\":" + fileSize
        + "},\"relationships\":{\"appScreenshotSet\":{\"data\":{\"type\":\"appScreenshotSets\",\"id\":\"" + setId + "\"}}}}}";
  }

  private HttpResponse<String> post(String path, byte[] body, String authorization) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", authorization)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  record RawResponse(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return TestServer.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /**
   * {@code GET target} and then {@code GET /_braeburn/health}, pipelined on one keep-alive
   * connection; the answers read until the server closes it (or the second answer is complete).
   */
  private List<RawResponse> twoOnOneConnection(String target) throws IOException {
    return rawThenHealth("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  }

  /** {@code firstRequest} (raw) and then {@code GET /_braeburn/health} on one connection. */
  private List<RawResponse> rawThenHealth(String firstRequest) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(server.baseUrl().replaceAll(".*:", "")))) {
      socket.setSoTimeout(30_000); // a hang guard: a complete answer or a close comes long before
      OutputStream out = socket.getOutputStream();
      out.write((firstRequest + "GET /_braeburn/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      List<RawResponse> answers = new ArrayList<>();
      RawResponse answer;
      while (answers.size() < 2 && (answer = readResponse(in)) != null) {
        answers.add(answer);
        if ("close".equalsIgnoreCase(answer.headers().get("connection"))) {
          assertThat(in.read()).as("the server closes after Connection: close").isEqualTo(-1);
          break;
        }
      }
      return answers;
    }
  }

  /** One HTTP/1.1 response with a Content-Length body, or null at the end of the stream. */
  private static RawResponse readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != -1; ) {
      if (c == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
