package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may use the provisioning endpoints and create which certificate (provisioning.md §3.5, §8;
 * docs/signing.md "Who may create certificates"), over HTTP: for every team-key role and two
 * individual keys, a read of bundle IDs, a device registration and a development, a distribution and
 * a Developer ID certificate. The expectations are the {@link #EXPECTED} table below, written from
 * the reference and never read from the server; each caller gets a team of its own so the
 * certificate caps do not interfere. One dynamic test per caller, on one server (the factory's).
 */
class SigningRoleMatrixAcceptanceTest extends DemoServerTest {
  /** Allowed (the status of success). */
  private static final String OK = "ok";
  /** The generic role 403 "The API key in use does not allow this request" (access policy or certificate rule). */
  private static final String ROLE = "role";
  /** Apple's recorded 403 "This operation can only be performed by the Account Holder" (§3.5). */
  private static final String HOLDER = "holder";

  /** The operations, in the order of the table's columns. */
  private static final List<String> OPS = List.of("GET /v1/bundleIds", "POST /v1/devices", "POST /v1/certificates DEVELOPMENT",
      "POST /v1/certificates DISTRIBUTION", "POST /v1/certificates DEVELOPER_ID_APPLICATION");
  private static final List<Integer> SUCCESS = List.of(200, 201, 201, 201, 201);

  /** Caller → expected answer per operation (§8: provisioning for Admin, App Manager, Developer team keys; §3.5 certificates). */
  private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
      Map.entry("TEAM ADMIN", List.of(OK, OK, OK, OK, HOLDER)),
      Map.entry("TEAM APP_MANAGER", List.of(OK, OK, OK, OK, HOLDER)),
      Map.entry("TEAM DEVELOPER", List.of(OK, OK, OK, ROLE, HOLDER)),
      Map.entry("TEAM ACCOUNT_HOLDER", List.of(OK, OK, OK, OK, OK)),
      Map.entry("TEAM FINANCE", List.of(ROLE, ROLE, ROLE, ROLE, ROLE)),
      Map.entry("TEAM SALES", List.of(ROLE, ROLE, ROLE, ROLE, ROLE)),
      Map.entry("TEAM MARKETING", List.of(ROLE, ROLE, ROLE, ROLE, ROLE)),
      Map.entry("TEAM CUSTOMER_SUPPORT", List.of(ROLE, ROLE, ROLE, ROLE, ROLE)),
      // §8: individual keys cannot use the provisioning endpoints, whatever their user's roles
      Map.entry("INDIVIDUAL ADMIN", List.of(ROLE, ROLE, ROLE, ROLE, ROLE)),
      Map.entry("INDIVIDUAL ACCOUNT_HOLDER", List.of(ROLE, ROLE, ROLE, ROLE, ROLE)));

  @TestFactory
  Stream<DynamicTest> everyCallerAndOperation() {
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, List<String>> row : new java.util.TreeMap<>(EXPECTED).entrySet()) {
      String[] caller = row.getKey().split(" ");
      int udid = n++;
      tests.add(DynamicTest.dynamicTest(row.getKey(), () -> {
        String team = server.createTeam("Matrix " + udid);
        String token = server.createKey(List.of(caller[1]), caller[0], team).token();
        for (int i = 0; i < OPS.size(); i++) {
          TestServer.Reply r = call(OPS.get(i), token, udid);
          check(row.getKey() + " " + OPS.get(i), r, row.getValue().get(i), SUCCESS.get(i), caller[1]);
        }
      }));
    }
    return tests.stream();
  }

  private TestServer.Reply call(String op, String token, int n) {
    if (op.startsWith("GET")) {
      return server.send("GET", "/v1/bundleIds", null, token);
    }
    if (op.equals("POST /v1/devices")) {
      return server.send("POST", "/v1/devices", "{\"data\":{\"type\":\"devices\",\"attributes\":{\"name\":\"Matrix\",\"platform\":\"IOS\","
          + "\"udid\":\"" + String.format("00008101-%016X", 0xBEEF00L + n) + "\"}}}", token);
    }
    String type = op.substring(op.lastIndexOf(' ') + 1);
    return server.send("POST", "/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":{\"certificateType\":\"" + type
        + "\",\"csrContent\":\"" + Csrs.pemJson() + "\"}}}", token);
  }

  private static void check(String cell, TestServer.Reply r, String expected, int success, String role) {
    if (expected.equals(OK)) {
      assertThat(r.status()).as(cell + ": " + r.body()).isEqualTo(success);
      return;
    }
    JsonNode e = AppleErrors.onlyError(r, 403, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).as(cell).isEqualTo("FORBIDDEN_ERROR");
    assertThat(e.path("title").asText()).as(cell).isEqualTo("This request is forbidden for security reasons");
    assertThat(e.path("detail").asText()).as(cell).isEqualTo(expected.equals(HOLDER)
        ? "This operation can only be performed by the Account Holder" : "The API key in use does not allow this request");
    // every refusal names the key's role (an individual key: that it is one) in its diagnosis; the certificate rule
    // names the type and the rule's section too
    assertThat(r.header("x-braeburn-diagnosis")).as(cell).contains(cell.startsWith("INDIVIDUAL") ? "individual keys" : role);
    if (cell.contains("certificates") && (expected.equals(HOLDER) || cell.contains("TEAM DEVELOPER"))) {
      assertThat(r.header("x-braeburn-diagnosis")).as(cell).contains(cell.substring(cell.lastIndexOf(' ') + 1)).contains("3.5");
    }
  }
}
