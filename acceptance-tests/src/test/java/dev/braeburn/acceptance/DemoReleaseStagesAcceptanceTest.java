package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo seed shows each stage of the release path, and what is in flight when it loads keeps
 * moving on the virtual clock as it would at Apple (ReleaseFamily.afterLoad): Slow Harbor's tvOS
 * 1.7.0 waits for review and is reviewed and released, Sky Atlas's visionOS 1.3.0 stays rejected
 * until the developer acts, Ledgerly's macOS phased release goes on day by day.
 */
class DemoReleaseStagesAcceptanceTest {
  private static final String WAITING_VERSION = "cf3a5dc3-5910-5676-b4ea-9420c0042837"; // Slow Harbor tvOS 1.7.0, AFTER_APPROVAL
  private static final String WAITING_SUBMISSION = "0eb77ae1-f7f7-594b-98ac-db5fab183fc1";
  private static final String REJECTED_VERSION = "dc9d075d-cbcd-57c2-b5ab-530285ad6eb3"; // Sky Atlas visionOS 1.3.0
  private static final String REJECTED_SUBMISSION = "dca5cd8a-4210-55b6-a5e3-5774a4b29069";
  private static final String LEDGERLY_MAC = "85dafaa6-42fa-5fa8-87a4-34aaedc73960"; // live macOS 2.8.0, phased release on day 3

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    server.admin("POST", "/_braeburn/clock/freeze", null, null);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private JsonNode attributes(String path) {
    TestServer.Reply r = server.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().at("/data/attributes");
  }

  private void advanceHours(int hours) {
    assertThat(server.admin("POST", "/_braeburn/clock/advance", "{\"hours\":" + hours + "}", null).status()).isEqualTo(200);
  }

  @Test
  void eachStageIsThereAndWhatIsInFlightMovesOnTheClock() {
    assertThat(attributes("/v1/appStoreVersions/" + WAITING_VERSION).path("appVersionState").asText()).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(attributes("/v1/appStoreVersions/" + REJECTED_VERSION).path("appVersionState").asText()).isEqualTo("REJECTED");
    assertThat(attributes("/v1/reviewSubmissions/" + REJECTED_SUBMISSION).path("state").asText()).isEqualTo("UNRESOLVED_ISSUES");
    JsonNode phased = attributes("/v1/appStoreVersions/" + LEDGERLY_MAC + "/appStoreVersionPhasedRelease");
    assertThat(phased.path("phasedReleaseState").asText()).isEqualTo("ACTIVE");
    assertThat(phased.path("currentDayNumber").asInt()).isEqualTo(3);
    JsonNode review = server.admin("GET", "/_braeburn/appReviews/" + WAITING_SUBMISSION, null, null).json();
    assertThat(review.toString()).as("the loaded submission got its review scheduled").contains("autoApproveAt");

    advanceHours(20);
    assertThat(attributes("/v1/appStoreVersions/" + WAITING_VERSION).path("appVersionState").asText()).isEqualTo("IN_REVIEW");
    advanceHours(4);
    assertThat(attributes("/v1/appStoreVersions/" + WAITING_VERSION).path("appVersionState").asText()).isEqualTo("READY_FOR_DISTRIBUTION");
    assertThat(attributes("/v1/reviewSubmissions/" + WAITING_SUBMISSION).path("state").asText()).isEqualTo("COMPLETE");
    assertThat(attributes("/v1/appStoreVersions/" + LEDGERLY_MAC + "/appStoreVersionPhasedRelease").path("currentDayNumber").asInt())
        .isEqualTo(4);

    assertThat(attributes("/v1/reviewSubmissions/" + REJECTED_SUBMISSION).path("state").asText()).as("waits for the developer")
        .isEqualTo("UNRESOLVED_ISSUES");
    advanceHours(24 * 5);
    assertThat(attributes("/v1/appStoreVersions/" + LEDGERLY_MAC + "/appStoreVersionPhasedRelease").path("phasedReleaseState").asText())
        .isEqualTo("COMPLETE");
  }
}
