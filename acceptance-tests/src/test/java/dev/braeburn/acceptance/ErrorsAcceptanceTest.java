package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Every error class of the core with Apple's exact document shape (protocol.md §1.7, §2.3, §4). */
class ErrorsAcceptanceTest extends SharedDemoServerTest {
  private static JsonNode error(TestServer.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    JsonNode e = reply.json().at("/errors/0");
    assertThat(e.get("status").asText()).isEqualTo(Integer.toString(status));
    assertThat(e.get("code").asText()).isEqualTo(code);
    assertThat(e.get("title").asText()).isNotBlank();
    return e;
  }

  @Test
  void missingOrBadTokenIsApplesExact401WithoutId() {
    for (String bearer : new String[] {null, "not.a.jwt", server.token() + "x"}) {
      JsonNode e = error(server.send("GET", "/v1/apps", null, bearer), 401, "NOT_AUTHORIZED");
      assertThat(e.has("id")).isFalse();
      assertThat(e.get("title").asText()).isEqualTo("Authentication credentials are missing or invalid.");
      assertThat(e.get("detail").asText()).isEqualTo("Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens");
    }
  }

  @Test
  void unknownPathsArePathErrors() {
    assertThat(error(server.get("/v1/bananas"), 404, "PATH_ERROR").get("detail").asText()).isEqualTo("'/v1/bananas' is not a valid URL");
    assertThat(error(server.get("/v1/apps/"), 404, "PATH_ERROR").get("detail").asText()).isEqualTo("'/v1/apps/' is not a valid URL");
    error(server.get("/v2/apps"), 404, "PATH_ERROR");
    error(server.get("/v1/apps/1600000001/bananas"), 404, "PATH_ERROR");
  }

  @Test
  void unsupportedVerbOnAKnownResourceIs403ListingAllowedOperations() {
    JsonNode e = error(server.send("POST", "/v1/apps", "{\"data\":{}}"), 403, "FORBIDDEN_ERROR");
    assertThat(e.get("title").asText()).isEqualTo("The given operation is not allowed");
    assertThat(e.get("detail").asText()).isEqualTo("The resource 'apps' does not allow 'CREATE'. Allowed operations are: GET_COLLECTION, GET_INSTANCE, UPDATE");
    assertThat(error(server.get("/v1/appInfos"), 403, "FORBIDDEN_ERROR").get("detail").asText())
        .isEqualTo("The resource 'appInfos' does not allow 'GET_COLLECTION'. Allowed operations are: GET_INSTANCE, UPDATE");
    assertThat(error(server.send("DELETE", "/v1/reviewSubmissions/x", null), 403, "FORBIDDEN_ERROR").get("detail").asText())
        .isEqualTo("The resource 'reviewSubmissions' does not allow 'DELETE'. Allowed operations are: CREATE, GET_COLLECTION, GET_INSTANCE, UPDATE");
    error(server.send("PUT", "/v1/apps/1600000001", "{}"), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void missingResourceIsNotFound() {
    assertThat(error(server.get("/v1/apps/999"), 404, "NOT_FOUND").get("detail").asText())
        .isEqualTo("There is no resource of type 'apps' with id '999'");
  }

  @Test
  void queryParameterErrors() {
    JsonNode illegal = error(server.get("/v1/apps/1600000001/builds?sort=version"), 400, "PARAMETER_ERROR.ILLEGAL");
    assertThat(illegal.at("/source/parameter").asText()).isEqualTo("sort");
    JsonNode filter = error(server.get("/v1/users?filter[emaill]=a@example.com"), 400, "PARAMETER_ERROR.INVALID");
    assertThat(filter.get("detail").asText()).isEqualTo("'emaill' is not a valid filter type");
    assertThat(filter.at("/source/parameter").asText()).isEqualTo("filter[emaill]");
    JsonNode limit = error(server.get("/v1/apps?limit=201"), 400, "PARAMETER_ERROR.INVALID");
    assertThat(limit.at("/source/parameter").asText()).isEqualTo("limit");
    error(server.get("/v1/apps?limit=abc"), 400, "PARAMETER_ERROR.INVALID");
    JsonNode value = error(server.get("/v1/bundleIds?filter[platform]=ANDROID"), 400, "PARAMETER_ERROR.INVALID");
    assertThat(value.get("detail").asText()).contains("'ANDROID'").contains("IOS");
    error(server.get("/v1/apps?include=bananas"), 400, "PARAMETER_ERROR.INVALID");
    JsonNode required = error(server.get("/v1/reviewSubmissions"), 400, "PARAMETER_ERROR.REQUIRED");
    assertThat(required.at("/source/parameter").asText()).isEqualTo("filter[app]");
    error(server.get("/v1/apps?" + "filter[id]=1&".repeat(3000)), 414, "PARAMETER_ERROR.INVALID");
  }

  @Test
  void bodyErrors() {
    error(server.send("POST", "/v1/bundleIds", "{not json"), 400, "ENTITY_INVALID");
    assertThat(error(server.send("POST", "/v1/bundleIds", "{\"dta\":{}}"), 422, "ENTITY_UNPROCESSABLE").get("detail").asText())
        .isEqualTo("Unrecognized field 'dta'");
    String unknown = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"X\",\"identifier\":\"com.x\",\"platform\":\"IOS\",\"colour\":\"red\"}}}";
    JsonNode u = error(server.send("POST", "/v1/bundleIds", unknown), 409, "ENTITY_ERROR.ATTRIBUTE.UNKNOWN");
    assertThat(u.at("/source/pointer").asText()).isEqualTo("/data/attributes/colour");
    assertThat(u.get("detail").asText()).isEqualTo("'colour' is not an attribute on the resource 'bundleIds'");
    String badEnum = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"X\",\"identifier\":\"com.x\",\"platform\":\"ANDROID\"}}}";
    JsonNode en = error(server.send("POST", "/v1/bundleIds", badEnum), 409, "ENTITY_ERROR.ATTRIBUTE.TYPE");
    assertThat(en.get("detail").asText()).startsWith("'ANDROID' is not a valid value for the attribute 'platform'. Expected one of: 'IOS'");
    String wrongType = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":7,\"identifier\":\"com.x\",\"platform\":\"IOS\"}}}";
    assertThat(error(server.send("POST", "/v1/bundleIds", wrongType), 409, "ENTITY_ERROR.ATTRIBUTE.TYPE").get("detail").asText())
        .isEqualTo("Unexpected json type for 'name'. Expected STRING but got NUMBER");
    String missing = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"X\",\"platform\":\"IOS\"}}}";
    JsonNode m = error(server.send("POST", "/v1/bundleIds", missing), 409, "ENTITY_ERROR.ATTRIBUTE.REQUIRED");
    assertThat(m.at("/source/pointer").asText()).isEqualTo("/data/attributes/identifier");
    String typeMismatch = "{\"data\":{\"type\":\"apps\",\"attributes\":{\"name\":\"X\",\"identifier\":\"com.x\",\"platform\":\"IOS\"}}}";
    assertThat(error(server.send("POST", "/v1/bundleIds", typeMismatch), 409, "ENTITY_ERROR.ATTRIBUTE.INVALID").at("/source/pointer").asText())
        .isEqualTo("/data/type");
    String noApp = "{\"data\":{\"type\":\"appStoreVersions\",\"attributes\":{\"platform\":\"IOS\",\"versionString\":\"9.0\"}}}";
    JsonNode r = error(server.send("POST", "/v1/appStoreVersions", noApp), 409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED");
    assertThat(r.get("detail").asText()).isEqualTo("You must provide a value for the relationship 'app'");
    String ghostApp = "{\"data\":{\"type\":\"appStoreVersions\",\"attributes\":{\"platform\":\"IOS\",\"versionString\":\"9.0\"},\"relationships\":{\"app\":{\"data\":{\"type\":\"apps\",\"id\":\"404404\"}}}}}";
    JsonNode g = error(server.send("POST", "/v1/appStoreVersions", ghostApp), 409, "ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(g.at("/source/pointer").asText()).isEqualTo("/data/relationships/app/data");
  }

  @Test
  void wrongContentTypeAndOversizedBodies() {
    TestServer.Reply xml = server.send("POST", "/v1/bundleIds", "<x/>", server.token(), "application/xml");
    error(xml, 415, "ENTITY_UNSUPPORTED_MEDIA_TYPE");
    String huge = "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}}";
    error(server.send("POST", "/v1/bundleIds", huge), 413, "ENTITY_TOO_LARGE");
  }

  @Test
  void createReadUpdateDeleteRoundTrip() {
    TestServer.Reply created = server.send("POST", "/v1/bundleIds",
        "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"name\":\"Round Trip\",\"identifier\":\"com.example.rt\",\"platform\":\"IOS\"}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/data/id").asText();
    assertThat(created.header("Location")).isEqualTo(server.baseUrl() + "/v1/bundleIds/" + id);
    assertThat(created.json().at("/links/self").asText()).isEqualTo(server.baseUrl() + "/v1/bundleIds");
    TestServer.Reply patched = server.send("PATCH", "/v1/bundleIds/" + id,
        "{\"data\":{\"type\":\"bundleIds\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"Renamed\"}}}");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    JsonNode read = server.get("/v1/bundleIds/" + id).json();
    assertThat(read.at("/data/attributes/name").asText()).isEqualTo("Renamed");
    assertThat(read.at("/data/attributes/identifier").asText()).isEqualTo("com.example.rt");
    error(server.send("PATCH", "/v1/bundleIds/" + id, "{\"data\":{\"type\":\"bundleIds\",\"id\":\"other\",\"attributes\":{}}}"), 409,
        "ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(server.send("DELETE", "/v1/bundleIds/" + id, null).status()).isEqualTo(204);
    error(server.get("/v1/bundleIds/" + id), 404, "NOT_FOUND");
  }

  @Test
  void relationshipLinkagesCanBeAddedListedAndRemoved() {
    String group = "53426e75-a6e6-5d20-b28a-5d6137ef39b4";
    TestServer.Reply tester = server.send("POST", "/v1/betaTesters",
        "{\"data\":{\"type\":\"betaTesters\",\"attributes\":{\"email\":\"new.tester@example.com\",\"firstName\":\"New\",\"lastName\":\"Tester\"},"
            + "\"relationships\":{\"betaGroups\":{\"data\":[{\"type\":\"betaGroups\",\"id\":\"" + group + "\"}]}}}}");
    assertThat(tester.status()).as(tester.body()).isEqualTo(201);
    String testerId = tester.json().at("/data/id").asText();
    assertThat(ids(server.get("/v1/betaGroups/" + group + "/relationships/betaTesters?limit=200").json())).contains(testerId);
    assertThat(server.send("DELETE", "/v1/betaGroups/" + group + "/relationships/betaTesters",
        "{\"data\":[{\"type\":\"betaTesters\",\"id\":\"" + testerId + "\"}]}").status()).isEqualTo(204);
    assertThat(ids(server.get("/v1/betaGroups/" + group + "/relationships/betaTesters?limit=200").json())).doesNotContain(testerId);
    assertThat(server.send("POST", "/v1/betaGroups/" + group + "/relationships/betaTesters",
        "{\"data\":[{\"type\":\"betaTesters\",\"id\":\"" + testerId + "\"}]}").status()).isEqualTo(204);
    assertThat(ids(server.get("/v1/betaTesters/" + testerId + "/betaGroups").json())).contains(group);
  }

  private static java.util.List<String> ids(JsonNode doc) {
    java.util.List<String> out = new java.util.ArrayList<>();
    doc.get("data").forEach(d -> out.add(d.get("id").asText()));
    return out;
  }
}
