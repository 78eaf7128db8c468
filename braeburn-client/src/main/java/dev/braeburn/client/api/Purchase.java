package dev.braeburn.client.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A purchase Braeburn made for a customer ({@code POST /_braeburn/storekit/purchases}): its ids and Apple's signed transaction (JWS). */
public record Purchase(String transactionId, String originalTransactionId, String signedTransaction, JsonNode json) {
  static Purchase of(JsonNode p) {
    return new Purchase(JournalEntry.text(p, "transactionId"), JournalEntry.text(p, "originalTransactionId"),
        JournalEntry.text(p, "signedTransaction"), p);
  }
}
