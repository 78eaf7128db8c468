package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Devices as provisioning tools register them (provisioning.md §6, docs/signing.md "Devices"): the
 * UDID forms per device class, Apple's recorded refusals for an invalid or a known UDID and for a
 * full product family, the class derived from the UDID, and PATCH for name and status.
 */
class DevicesAcceptanceTest extends DemoServerTest {
  private static final String SEED_IPHONE_UDID = "00008150-001C3D5A2E90801E"; // demo seed: Nora's iPhone
  private static final String INVALID_TITLE = "An attribute in the provided entity has invalid value";

  private TestServer.Reply register(String name, String udid, String platform) {
    return server.send("POST", "/v1/devices", "{\"data\":{\"type\":\"devices\",\"attributes\":{\"name\":\"" + name + "\",\"udid\":\""
        + udid + "\",\"platform\":\"" + platform + "\"}}}");
  }

  private JsonNode registered(String udid, String platform) {
    TestServer.Reply r = register("Device " + udid.substring(0, 6), udid, platform);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  @Test
  void everyUdidFormRegistersWithTheClassItSays() {
    JsonNode old = registered("5d0d1e9e3e4c8323756ec0038564006dafe15c21", "IOS");
    assertThat(old.at("/attributes/deviceClass").asText()).isEqualTo("IPHONE");
    assertThat(old.at("/attributes/status").asText()).isEqualTo("ENABLED");
    assertThat(old.at("/attributes/model").isNull()).isTrue();
    assertThat(old.path("id").asText()).matches("[A-Z0-9]{10}");
    assertThat(registered("00008101-000960143488001E", "IOS").at("/attributes/deviceClass").asText()).isEqualTo("IPHONE");
    // §6.1: an Apple-silicon Mac registered for iOS profiles; an Intel Mac by its provisioning UUID
    assertThat(registered("00006020-0C10A7180CC1E002", "IOS").at("/attributes/deviceClass").asText()).isEqualTo("MAC");
    assertThat(registered("01234567-89AB-CDEF-0123-456789ABCDEF", "MAC_OS").at("/attributes/deviceClass").asText()).isEqualTo("MAC");
  }

  @Test
  void anInvalidUdidIsRefusedAsApplesRecordedBody() {
    String intelMac = "3D7FADF5-D61B-5F6B-A254-0123456789AB";
    TestServer.Reply r = register("Intel Mac", intelMac, "IOS");
    JsonNode e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("status").asText()).isEqualTo("409");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.ATTRIBUTE.INVALID");
    assertThat(e.path("title").asText()).isEqualTo(INVALID_TITLE);
    assertThat(e.path("detail").asText()).isEqualTo("An invalid value '" + intelMac + "' was provided for the parameter 'udid'.");
    assertThat(r.header("x-braeburn-diagnosis")).contains("MAC_OS").contains("6.2 recorded body");
    for (String bad : new String[] {"not-a-udid", "5d0d1e9e3e4c8323756ec0038564006dafe15c2", "00008101000960143488001E", "00008101-00096014348800ZZ"}) {
      assertThat(register("Bad", bad, "IOS").status()).as(bad).isEqualTo(409);
    }
    assertThat(register("Old iPhone as Mac", "5d0d1e9e3e4c8323756ec0038564006dafe15c21", "MAC_OS").status()).isEqualTo(409);
  }

  @Test
  void aKnownUdidIsRefusedWhateverItsCaseOrDash() {
    String lower = SEED_IPHONE_UDID.toLowerCase(Locale.ROOT);
    TestServer.Reply r = register("Nora again", lower, "IOS");
    JsonNode e = AppleErrors.onlyError(r, 409, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR");
    assertThat(e.path("title").asText()).isEqualTo("There is a problem with the request entity");
    assertThat(e.path("detail").asText()).isEqualTo("A device with number '" + lower + "' already exists on this team.");
    assertThat(r.header("x-braeburn-diagnosis")).contains("QTZ27ZCBUR");
    registered("0be51c8f4397715104873b50a3deb980bfa2c797", "IOS");
    assertThat(register("Twice", "0BE51C8F4397715104873B50A3DEB980BFA2C797", "IOS").status()).isEqualTo(409);
    // another team has its own devices
    String tokenB = server.createKey("ADMIN", server.createTeam("Team B")).token();
    assertThat(server.send("POST", "/v1/devices", "{\"data\":{\"type\":\"devices\",\"attributes\":{\"name\":\"B\",\"udid\":\""
        + SEED_IPHONE_UDID + "\",\"platform\":\"IOS\"}}}", tokenB).status()).isEqualTo(201);
  }

  @Test
  void aDeviceIsRenamedAndDisabledButNeverDeleted() {
    String id = registered("00008030-001544522E60802E", "IOS").path("id").asText();
    TestServer.Reply r = server.send("PATCH", "/v1/devices/" + id,
        "{\"data\":{\"type\":\"devices\",\"id\":\"" + id + "\",\"attributes\":{\"name\":\"Kai’s iPhone\",\"status\":\"DISABLED\"}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().at("/data/attributes/name").asText()).isEqualTo("Kai’s iPhone");
    assertThat(r.json().at("/data/attributes/status").asText()).isEqualTo("DISABLED");
    assertThat(server.get("/v1/devices?filter[status]=DISABLED&filter[udid]=00008030-001544522E60802E").json().path("data")).hasSize(1);
    assertThat(server.send("DELETE", "/v1/devices/" + id, null).status()).isEqualTo(403);
  }

  @Test
  void aFullProductFamilyIsRefusedUntilTheYearHasPassed() {
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
    TestServer.Reply refused = null;
    int added = 0;
    for (int i = 0; i < 101 && refused == null; i++) {
      TestServer.Reply r = register("Phone " + i, String.format("00008101-%016X", 0x1000L + i), "IOS");
      if (r.status() == 403) {
        refused = r;
      } else {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        added++;
      }
    }
    assertThat(refused).as("the 101st iPhone of the year").isNotNull();
    assertThat(added).isBetween(99, 100); // the seed's iPhone counts while it is less than a year old
    JsonNode e = AppleErrors.onlyError(refused, 403, "id", "status", "code", "title", "detail");
    assertThat(e.path("code").asText()).isEqualTo("FORBIDDEN_ERROR");
    assertThat(e.path("title").asText()).isEqualTo("This request is forbidden for security reasons");
    assertThat(e.path("detail").asText()).isEqualTo("Your development team has reached the maximum number of registered iPhone devices.");
    assertThat(refused.header("x-braeburn-diagnosis")).contains("100").contains("disabled");
    // a Mac is another product family
    assertThat(register("Mac", "01234567-89AB-CDEF-0123-456789ABCDEF", "MAC_OS").status()).isEqualTo(201);
    server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + 366L * 24 * 3600 + "}", null);
    assertThat(register("Next year", "00008101-00000000000FFFFF", "IOS").status()).isEqualTo(201);
  }
}
