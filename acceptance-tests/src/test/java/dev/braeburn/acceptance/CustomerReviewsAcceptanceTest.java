package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customer reviews arriving from the usage model on the virtual clock, and the developer's
 * responses (review-pipeline.md §6): each complete Pacific day brings round(0.008 × the model's
 * first-time downloads) reviews — checked against the metrics summary of the same model — written
 * when the reviews are read, deterministic, consistent across paging, filters and the version
 * listing; a response is created or replaced, published an hour later on the clock, deleted;
 * Customer Support, App Manager and Admin may answer, Developer may not even read.
 */
class CustomerReviewsAcceptanceTest {
  private static final String APP = "1600000001"; // demo seed: Tideline, live iOS 3.4.1
  private static final String LIVE_VERSION = "ba28024c-f18c-56a8-9508-1f86dc90a930";
  private static final String EDITABLE_VERSION = "5d5c052c-bea7-5784-9bda-0d855f39b81b";
  private static final String SEEDED_REVIEW = "c69ef853-2939-588b-98a7-49e357b7f1c8";
  private static final int SEEDED = 6;
  private static final double RATE = 0.008;
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start("demo");
    ok(server.admin("POST", "/_braeburn/clock/freeze", null, null), 200);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static TestServer.Reply ok(TestServer.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    return reply;
  }

  /** Server time to the second, as Apple renders dates. */
  private Instant now() {
    return Instant.parse(server.admin("GET", "/_braeburn/clock", null, null).json().path("now").asText()).truncatedTo(ChronoUnit.SECONDS);
  }

  private void advance(String unit, long n) {
    ok(server.admin("POST", "/_braeburn/clock/advance", "{\"" + unit + "\":" + n + "}", null), 200);
  }

  /** Expected arrivals of each day from..to: round(0.008 × first-time downloads), from the model's own summary. */
  private Map<LocalDate, Long> expected(LocalDate from, LocalDate to) {
    JsonNode days = ok(server.admin("GET", "/_braeburn/metrics/apps/" + APP + "?from=" + from + "&to=" + to, null, null), 200)
        .json().at("/data/days");
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    days.forEach(d -> out.put(LocalDate.parse(d.path("date").asText()), Math.round(d.path("firstTimeDownloads").asLong() * RATE)));
    return out;
  }

  private long total(String pathAndQuery) {
    return ok(server.get(pathAndQuery), 200).json().at("/meta/paging/total").asLong();
  }

  /** Every review of a listing, walked page by page; each page reports the same total, no id twice. */
  private List<JsonNode> walk(String first) {
    List<JsonNode> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<Long> totals = new HashSet<>();
    String next = first;
    while (next != null) {
      JsonNode doc = ok(server.get(next), 200).json();
      doc.get("data").forEach(r -> {
        assertThat(ids.add(r.path("id").asText())).as("twice: %s", r).isTrue();
        out.add(r);
      });
      totals.add(doc.at("/meta/paging/total").asLong());
      next = doc.at("/links/next").isMissingNode() ? null : doc.at("/links/next").asText();
    }
    assertThat(totals).containsExactly((long) out.size());
    return out;
  }

  private static LocalDate day(JsonNode review) {
    return OffsetDateTime.parse(review.at("/attributes/createdDate").asText()).atZoneSameInstant(PACIFIC).toLocalDate();
  }

  @Test
  void reviewsArriveDayByDayInProportionToDownloadsAndStayPut() throws Exception {
    LocalDate today = now().atZone(PACIFIC).toLocalDate();
    Map<LocalDate, Long> first = expected(today.minusDays(30), today.minusDays(1));
    long arrived = first.values().stream().mapToLong(Long::longValue).sum();
    assertThat(arrived).as("a few reviews a day").isGreaterThan(30);

    List<JsonNode> reviews = walk("/v1/apps/" + APP + "/customerReviews?limit=17");
    assertThat(reviews).hasSize((int) (SEEDED + arrived));
    assertThat(reviews.stream().map(r -> r.path("id").asText())).contains(SEEDED_REVIEW);
    Map<LocalDate, Long> byDay = new LinkedHashMap<>();
    reviews.subList(SEEDED, reviews.size()).forEach(r -> byDay.merge(day(r), 1L, Long::sum)); // the seed's come first
    first.forEach((d, n) -> assertThat(byDay.getOrDefault(d, 0L)).as("reviews of %s", d).isEqualTo(n));
    JsonNode sample = reviews.getLast();
    assertThat(sample.at("/attributes/rating").asInt()).isBetween(1, 5);
    assertThat(sample.at("/attributes/title").asText()).isNotBlank();
    assertThat(sample.at("/attributes/body").asText()).isNotBlank();
    assertThat(sample.at("/attributes/reviewerNickname").asText()).isNotBlank();
    assertThat(sample.at("/attributes/territory").asText()).hasSize(3);

    // the same reads again: nothing new, nothing twice
    assertThat(total("/v1/apps/" + APP + "/customerReviews")).isEqualTo(SEEDED + arrived);
    // every arrival is the live version's (as the seed's are); the editable one has none; ratings and territories partition the list
    assertThat(total("/v1/appStoreVersions/" + LIVE_VERSION + "/customerReviews")).isEqualTo(SEEDED + arrived);
    assertThat(total("/v1/appStoreVersions/" + EDITABLE_VERSION + "/customerReviews")).isZero();
    long byRating = 0;
    for (int stars = 1; stars <= 5; stars++) {
      byRating += total("/v1/apps/" + APP + "/customerReviews?filter[rating]=" + stars);
    }
    assertThat(byRating).isEqualTo(SEEDED + arrived);
    Map<String, Long> territories = new LinkedHashMap<>();
    reviews.forEach(r -> territories.merge(r.at("/attributes/territory").asText(), 1L, Long::sum));
    territories.forEach((t, n) -> assertThat(total("/v1/apps/" + APP + "/customerReviews?filter[territory]=" + t)).as(t).isEqualTo(n));
    assertThat(total("/v1/apps/" + APP + "/customerReviews?filter[reviewTerritory]=USA")).isEqualTo(territories.get("USA"));
    JsonNode withTerritory = ok(server.get("/v1/apps/" + APP + "/customerReviews?sort=-createdDate&limit=1&include=reviewTerritory"), 200).json();
    assertThat(withTerritory.at("/included/0/id").asText()).isEqualTo(withTerritory.at("/data/0/attributes/territory").asText());
    assertThat(day(withTerritory.at("/data/0"))).isEqualTo(today.minusDays(1));

    // three days later, exactly those days' reviews have arrived
    advance("days", 3);
    Map<LocalDate, Long> later = expected(today, today.plusDays(2));
    long more = later.values().stream().mapToLong(Long::longValue).sum();
    List<JsonNode> after = walk("/v1/apps/" + APP + "/customerReviews?limit=200");
    assertThat(after).hasSize((int) (SEEDED + arrived + more));
    assertThat(after.subList(0, reviews.size()).stream().map(r -> r.path("id").asText()).toList())
        .as("the earlier reviews keep their place").isEqualTo(reviews.stream().map(r -> r.path("id").asText()).toList());
    later.forEach((d, n) -> assertThat(after.stream().filter(r -> day(r).equals(d)).count()).as("reviews of %s", d).isEqualTo(n));
    String newest = after.getLast().path("id").asText();
    assertThat(ok(server.get("/v1/customerReviews/" + newest), 200).json().at("/data/id").asText()).isEqualTo(newest);

    // deterministic: the team emptied and the seed loaded again gives the same reviews, word for word
    String issuer = server.issuerId;
    ok(server.admin("POST", "/_braeburn/reset", null, issuer), 204);
    ok(server.admin("POST", "/_braeburn/resources", demoSeed(), issuer), 201);
    List<JsonNode> again = walk("/v1/apps/" + APP + "/customerReviews?limit=200");
    Set<String> recent = new HashSet<>();
    after.stream().filter(r -> !day(r).isBefore(today.minusDays(27))).forEach(r -> recent.add(r.toString()));
    Set<String> recentAgain = new HashSet<>();
    again.stream().filter(r -> !day(r).isBefore(today.minusDays(27))).forEach(r -> recentAgain.add(r.toString()));
    assertThat(recentAgain).isEqualTo(recent);
  }

  private static String demoSeed() throws Exception {
    try (InputStream in = CustomerReviewsAcceptanceTest.class.getResourceAsStream("/braeburn/seed/demo.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String response(String reviewId, String text) {
    return "{\"data\":{\"type\":\"customerReviewResponses\",\"attributes\":{\"responseBody\":\"" + text + "\"},"
        + "\"relationships\":{\"review\":{\"data\":{\"type\":\"customerReviews\",\"id\":\"" + reviewId + "\"}}}}}";
  }

  private List<String> withPublishedResponse(boolean exists) {
    return Docs.ids(server.get("/v1/apps/" + APP + "/customerReviews?limit=200&exists[publishedResponse]=" + exists));
  }

  @Test
  void aResponseIsPublishedOnTheClockReplacedAndDeleted() {
    Instant posted = now();
    TestServer.Reply created = ok(server.send("POST", "/v1/customerReviewResponses", response(SEEDED_REVIEW, "Thanks, glad it helps!")), 201);
    String id = created.json().at("/data/id").asText();
    assertThat(created.header("Location")).endsWith("/v1/customerReviewResponses/" + id);
    assertThat(created.json().at("/data/attributes/state").asText()).isEqualTo("PENDING_PUBLISH");
    assertThat(created.json().at("/data/attributes/lastModifiedDate").asText()).isEqualTo(posted.toString());
    assertThat(ok(server.get("/v1/customerReviews/" + SEEDED_REVIEW + "/response"), 200).json().at("/data/id").asText()).isEqualTo(id);
    assertThat(withPublishedResponse(true)).isEmpty();
    assertThat(withPublishedResponse(false)).contains(SEEDED_REVIEW);

    advance("minutes", 30); // a replacement half-way: it waits its own hour, the first publication does not happen
    TestServer.Reply replaced = ok(server.send("POST", "/v1/customerReviewResponses", response(SEEDED_REVIEW, "Thanks! Widgets got faster in 3.4.1.")), 201);
    assertThat(replaced.json().at("/data/id").asText()).as("one response per review, overwritten").isEqualTo(id);
    assertThat(replaced.json().at("/data/attributes/responseBody").asText()).isEqualTo("Thanks! Widgets got faster in 3.4.1.");
    assertThat(replaced.json().at("/data/attributes/lastModifiedDate").asText()).isEqualTo(posted.plusSeconds(1800).toString());
    advance("minutes", 45);
    assertThat(server.get("/v1/customerReviewResponses/" + id).json().at("/data/attributes/state").asText()).isEqualTo("PENDING_PUBLISH");
    advance("minutes", 15);
    JsonNode published = ok(server.get("/v1/customerReviewResponses/" + id + "?include=review"), 200).json();
    assertThat(published.at("/data/attributes/state").asText()).isEqualTo("PUBLISHED");
    assertThat(published.at("/data/attributes/lastModifiedDate").asText()).isEqualTo(posted.plusSeconds(1800).toString());
    assertThat(published.at("/included/0/id").asText()).isEqualTo(SEEDED_REVIEW);
    assertThat(withPublishedResponse(true)).containsExactly(SEEDED_REVIEW);
    assertThat(withPublishedResponse(false)).doesNotContain(SEEDED_REVIEW);
    JsonNode listed = ok(server.get("/v1/apps/" + APP + "/customerReviews?exists[publishedResponse]=true&include=response"), 200).json();
    assertThat(listed.at("/data/0/relationships/response/data/id").asText()).isEqualTo(id);
    assertThat(listed.at("/included/0/attributes/state").asText()).isEqualTo("PUBLISHED");

    ok(server.send("DELETE", "/v1/customerReviewResponses/" + id, null), 204);
    assertThat(ok(server.get("/v1/customerReviews/" + SEEDED_REVIEW + "/response"), 200).json().get("data").isNull()).isTrue();
    assertThat(withPublishedResponse(true)).isEmpty();
    ok(server.get("/v1/customerReviewResponses/" + id), 404);

    TestServer.Reply unknown = server.send("POST", "/v1/customerReviewResponses", response("no-such-review", "Hi"));
    JsonNode e = AppleErrors.onlyError(unknown, 409, "id", "status", "code", "title", "detail", "source");
    assertThat(e.path("code").asText()).isEqualTo("ENTITY_ERROR.RELATIONSHIP.INVALID");
    assertThat(e.at("/source/pointer").asText()).isEqualTo("/data/relationships/review/data");
    assertThat(unknown.header("X-Braeburn-Diagnosis")).contains("no customer review 'no-such-review'");
  }

  @Test
  void customerSupportAppManagerAndAdminAnswerDeveloperMayNot() {
    ok(server.send("POST", "/v1/customerReviewResponses", response(SEEDED_REVIEW, "From the admin")), 201);
    for (String role : List.of("CUSTOMER_SUPPORT", "APP_MANAGER")) {
      String token = server.createKey(role, null).token();
      TestServer.Reply answered = ok(server.send("POST", "/v1/customerReviewResponses", response(SEEDED_REVIEW, "From " + role), token), 201);
      assertThat(answered.json().at("/data/attributes/responseBody").asText()).isEqualTo("From " + role);
    }
    String marketing = server.createKey("MARKETING", null).token();
    ok(server.send("GET", "/v1/apps/" + APP + "/customerReviews", null, marketing), 200);
    for (String token : List.of(marketing, server.createKey("DEVELOPER", null).token())) {
      JsonNode e = AppleErrors.onlyError(server.send("POST", "/v1/customerReviewResponses", response(SEEDED_REVIEW, "Nope"), token), 403,
          "id", "status", "code", "title", "detail");
      assertThat(e.path("code").asText()).isEqualTo("FORBIDDEN_ERROR");
      assertThat(e.path("title").asText()).isEqualTo("This request is forbidden for security reasons");
      assertThat(e.path("detail").asText()).isEqualTo("The API key in use does not allow this request");
    }
    String developer = server.createKey("DEVELOPER", null).token();
    assertThat(server.send("GET", "/v1/apps/" + APP + "/customerReviews", null, developer).status()).isEqualTo(403);
    assertThat(server.get("/v1/customerReviews/" + SEEDED_REVIEW + "/response").json().at("/data/attributes/responseBody").asText())
        .isEqualTo("From APP_MANAGER");
  }
}
