package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TestFlight calls a CI tool makes (docs/testflight.md), with the server's first-start key, and
 * the admin decision of Beta App Review; shared by the suites that drive TestFlight.
 */
final class TestFlightCalls {
  private final TestServer server;

  TestFlightCalls(TestServer server) {
    this.server = server;
  }

  TestServer.Reply submit(String buildId) {
    return server.send("POST", "/v1/betaAppReviewSubmissions",
        "{\"data\":{\"type\":\"betaAppReviewSubmissions\",\"relationships\":{\"build\":{\"data\":{\"type\":\"builds\",\"id\":\"" + buildId + "\"}}}}}");
  }

  /** {@code POST /_braeburn/betaReviews/{id}} for the first team: APPROVED or REJECTED. */
  TestServer.Reply decide(String submissionId, String decision) {
    return server.admin("POST", "/_braeburn/betaReviews/" + submissionId, "{\"decision\":\"" + decision + "\"}", server.issuerId);
  }

  String externalState(String buildId) {
    TestServer.Reply r = server.get("/v1/buildBetaDetails/" + buildId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().at("/data/attributes/externalBuildState").asText();
  }

  /** Creates a beta group of {@code app}; {@code moreAttributes} is appended to the attributes (",\"a\":…" or ""). */
  String createGroup(String app, String name, boolean internal, String moreAttributes) {
    TestServer.Reply r = server.send("POST", "/v1/betaGroups", "{\"data\":{\"type\":\"betaGroups\",\"attributes\":{\"name\":\"" + name
        + "\",\"isInternalGroup\":" + internal + moreAttributes + "},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"" + app + "\"}}}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  /** {@code POST /v1/betaTesters}; {@code relationships} is the inside of the relationships object, or "". */
  static String testerBody(String email, String relationships) {
    return "{\"data\":{\"type\":\"betaTesters\",\"attributes\":{\"email\":\"" + email + "\",\"firstName\":\"Test\",\"lastName\":\"Er\"}"
        + (relationships.isEmpty() ? "" : ",\"relationships\":{" + relationships + "}") + "}}";
  }

  String createTester(String email, String relationships) {
    TestServer.Reply r = server.send("POST", "/v1/betaTesters", testerBody(email, relationships));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/data/id").asText();
  }

  /** {@code POST /v1/{type}/{id}/relationships/{relationship}} with one target. */
  TestServer.Reply link(String type, String id, String relationship, String targetType, String targetId) {
    return server.send("POST", "/v1/" + type + "/" + id + "/relationships/" + relationship,
        "{\"data\":[{\"type\":\"" + targetType + "\",\"id\":\"" + targetId + "\"}]}");
  }

  /** {@code POST /v1/betaBuildLocalizations}: "What to Test" of a build in one locale. */
  static String localization(String buildId, String locale, String whatsNew) {
    return "{\"data\":{\"type\":\"betaBuildLocalizations\",\"attributes\":{\"locale\":\"" + locale + "\",\"whatsNew\":\"" + whatsNew + "\"},"
        + "\"relationships\":{\"build\":{\"data\":{\"type\":\"builds\",\"id\":\"" + buildId + "\"}}}}}";
  }
}
