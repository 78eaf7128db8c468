package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.braeburn.server.admin.AdminJson;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A purchase's verified promotional offer signature — V1, the {@code "offer":{"signature":{…}}}
 * object ({@link PromotionalSignature}), or V2, {@code "offer":{"signature":"<compact JWS>"}}
 * ({@link PromotionalSignatureV2}) — and its nonce, which the App Store takes once per app: spent
 * nonces are kept in hidden type {@value #NONCES} (id {@code appId:nonce}, so snapshots carry them)
 * [INFER: Apple calls the nonce a one-time value that prevents replay; the scope "per app" is Braeburn's].
 */
record OfferSignature(String version, String keyId, String nonce, String transactionId) {
  static final String NONCES = "_skOfferNonces";

  /**
   * The purchase's signature checked against the key table (outside the team's write), or null when
   * it carries none; a bad one is refused as StoreKit's invalidSignature.
   */
  static OfferSignature verify(Store store, ObjectMapper mapper, String team, JsonNode body, long virtualNow) {
    JsonNode signature = body.path("offer").path("signature");
    if (signature.isObject()) {
      String problem = PromotionalSignature.problem(store, team, body, signature, virtualNow);
      if (problem != null) {
        throw refused(problem);
      }
      return new OfferSignature("V1", PromotionalSignature.keyId(signature), signature.path("nonce").asText(), null);
    }
    if (signature.isTextual()) {
      try {
        return PromotionalSignatureV2.verify(store, mapper, team, body, signature.asText(), Instant.now().getEpochSecond());
      } catch (IllegalArgumentException e) {
        throw refused(e.getMessage());
      }
    }
    if (!signature.isMissingNode() && !signature.isNull()) {
      throw refused("signature is a V1 object {keyId, nonce, timestamp, encodedSignature} or a V2 compact JWS string; got " + signature);
    }
    return null;
  }

  private static RuntimeException refused(String problem) {
    return AdminJson.invalid("/offer/signature", "Invalid promotional offer signature (StoreKit: invalidSignature): " + problem);
  }

  /**
   * Inside the purchase's write: refuses a nonce this app has seen, and a V2 {@code transactionId}
   * that is not one of the customer's transactions in the app [INFER: Apple's claim ties the signature
   * to the customer]; then records the nonce (rolled back with a purchase refused later).
   */
  void spend(StoreTx tx, Resource app, String productId, List<Resource> customerHistory, String customer, long now) {
    String normalized = nonce.toLowerCase(Locale.ROOT);
    String id = app.id() + ":" + normalized;
    tx.find(NONCES, id).ifPresent(used -> {
      throw refused("nonce " + nonce + " was already used for this app (" + used.attributes().path("productId").asText() + ", "
          + Instant.ofEpochMilli(used.attributes().path("usedDate").asLong()) + "); a nonce is good for one purchase — sign again with a"
          + " fresh UUID");
    });
    if (transactionId != null && customerHistory.stream().noneMatch(t -> t.id().equals(transactionId))) {
      throw refused("the JWS transactionId " + transactionId + " is not a transaction of customer '" + customer + "' in this app and"
          + " environment; sign with one of theirs, or leave transactionId out");
    }
    var row = JsonNodeFactory.instance.objectNode().put("appId", app.id()).put("nonce", normalized).put("version", version)
        .put("keyId", keyId).put("productId", productId).put("customer", customer).put("usedDate", now);
    tx.insert(NONCES, id, row);
  }
}
