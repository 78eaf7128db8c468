package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Something waiting for a review decision, from the {@code …/pending} lists: a TestFlight
 * submission ({@code betaAppReviewSubmissions}), an App Store review submission
 * ({@code reviewSubmissions}), or a product reviewed on its own ({@code inAppPurchases},
 * {@code subscriptions}). The rest of the entry (states, when auto-approval decides, names) is in {@code json}.
 */
public record PendingReview(String type, String id, JsonNode json) {
  static List<PendingReview> list(JsonNode document) {
    List<PendingReview> pending = new ArrayList<>();
    document.path("data").forEach(e -> pending.add(new PendingReview(e.path("type").asText(), e.path("id").asText(), e)));
    return pending;
  }
}
