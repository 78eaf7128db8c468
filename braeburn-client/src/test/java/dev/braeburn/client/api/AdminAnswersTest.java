package dev.braeburn.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin client's own logic: query strings, filters, and reading its typed answers. */
class AdminAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFilterSendsOnlyWhatIsSetAndEncodesIt() {
    assertThat(BraeburnAdmin.withQuery("/_braeburn/requests", RequestFilter.all().query())).isEqualTo("/_braeburn/requests");
    assertThat(BraeburnAdmin.withQuery("/_braeburn/requests", RequestFilter.all().limit(5).status(401).keyId("K 1/2").query()))
        .isEqualTo("/_braeburn/requests?status=401&keyId=K%201%2F2&limit=5");
    Map<String, String> q = new LinkedHashMap<>();
    q.put("type", "apps");
    q.put("cursor", "a+b=");
    assertThat(BraeburnAdmin.withQuery("/_braeburn/resources", q)).isEqualTo("/_braeburn/resources?type=apps&cursor=a%2Bb%3D");
    assertThatThrownBy(() -> RequestFilter.all().limit(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aJournalEntryKeepsNullsAsNulls() throws Exception {
    JournalEntry e = JournalEntry.of(JSON.readTree("{\"requestId\":\"r1\",\"time\":\"2027-01-02T03:04:05Z\",\"method\":\"GET\","
        + "\"path\":\"/v1/apps\",\"query\":null,\"status\":401,\"issuerId\":null,\"keyId\":\"K1\",\"errorCode\":\"NOT_AUTHORIZED\","
        + "\"diagnosis\":\"the token expired\",\"durationMicros\":12}"));
    assertThat(e.time()).isEqualTo(Instant.parse("2027-01-02T03:04:05Z"));
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.query()).isNull();
    assertThat(e.issuerId()).isNull();
    assertThat(e.fault()).isNull();
    assertThat(e.diagnosis()).isEqualTo("the token expired");
    assertThat(e.json().path("durationMicros").asInt()).isEqualTo(12);
  }

  @Test
  void pendingListsAndPurchasesRead() throws Exception {
    assertThat(PendingReview.list(JSON.readTree("{\"data\":[{\"type\":\"betaAppReviewSubmissions\",\"id\":\"b1\",\"autoApproveAt\":\"x\"}]}")))
        .singleElement().satisfies(p -> {
          assertThat(p.type()).isEqualTo("betaAppReviewSubmissions");
          assertThat(p.id()).isEqualTo("b1");
          assertThat(p.json().path("autoApproveAt").asText()).isEqualTo("x");
        });
    assertThat(PendingReview.list(JSON.readTree("{\"data\":[]}"))).isEmpty();
    Purchase p = Purchase.of(JSON.readTree("{\"transactionId\":\"2\",\"originalTransactionId\":\"1\",\"signedTransaction\":\"a.b.c\"}"));
    assertThat(p).extracting(Purchase::transactionId, Purchase::originalTransactionId, Purchase::signedTransaction)
        .containsExactly("2", "1", "a.b.c");
  }
}
