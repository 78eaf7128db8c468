package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** Creates bundle IDs, capabilities, certificates and profiles through the API, as signing tools do. */
final class SigningWorld {
  /** The demo team's enabled iPhone and disabled Apple TV. */
  static final String IPHONE = "QTZ27ZCBUR";
  static final String IPAD = "XJQMCV7TH9";
  static final String MAC_MINI = "86SBUTYXC6";
  static final String DISABLED_TV = "FE33CCY24E";

  private final TestServer server;

  SigningWorld(TestServer server) {
    this.server = server;
  }

  String bundleId(String identifier, String platform) {
    return created(server.send("POST", "/v1/bundleIds", "{\"data\":{\"type\":\"bundleIds\",\"attributes\":{\"identifier\":\"" + identifier
        + "\",\"name\":\"Signing Test\",\"platform\":\"" + platform + "\"}}}")).path("id").asText();
  }

  String capability(String bundleId, String type) {
    return created(server.send("POST", "/v1/bundleIdCapabilities", "{\"data\":{\"type\":\"bundleIdCapabilities\",\"attributes\":"
        + "{\"capabilityType\":\"" + type + "\"},\"relationships\":{\"bundleId\":{\"data\":{\"type\":\"bundleIds\",\"id\":\"" + bundleId
        + "\"}}}}}")).path("id").asText();
  }

  /** A certificate from a CSR; Developer ID types with an Account Holder key, as Apple requires (provisioning.md §3.5). */
  JsonNode certificate(String type) {
    String token = type.startsWith("DEVELOPER_ID") ? server.createKey("ACCOUNT_HOLDER", null).token() : server.token();
    return created(server.send("POST", "/v1/certificates", "{\"data\":{\"type\":\"certificates\",\"attributes\":{\"certificateType\":\""
        + type + "\",\"csrContent\":\"" + Csrs.pemJson() + "\"}}}", token));
  }

  TestServer.Reply profile(String name, String type, String bundleId, List<String> certificates, List<String> devices) {
    return server.send("POST", "/v1/profiles", "{\"data\":{\"type\":\"profiles\",\"attributes\":{\"name\":\"" + name
        + "\",\"profileType\":\"" + type + "\"},\"relationships\":{\"bundleId\":{\"data\":{\"type\":\"bundleIds\",\"id\":\"" + bundleId
        + "\"}},\"certificates\":{\"data\":[" + linkages("certificates", certificates) + "]},\"devices\":{\"data\":["
        + linkages("devices", devices) + "]}}}}");
  }

  JsonNode createdProfile(String name, String type, String bundleId, List<String> certificates, List<String> devices) {
    return created(profile(name, type, bundleId, certificates, devices));
  }

  String profileState(String id) {
    return server.get("/v1/profiles/" + id).json().at("/data/attributes/profileState").asText();
  }

  private static String linkages(String type, List<String> ids) {
    return ids.stream().map(id -> "{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}").collect(Collectors.joining(","));
  }

  static JsonNode created(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().path("data");
  }
}
