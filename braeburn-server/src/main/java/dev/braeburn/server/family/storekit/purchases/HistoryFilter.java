package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Get Transaction History's query (server-api.md §1.4): dates (startDate inclusive, endDate
 * exclusive, on purchaseDate), repeatable productId / productType / subscriptionGroupIdentifier,
 * inAppOwnershipType, revoked, sort; each malformed value is its own 400.
 */
record HistoryFilter(Long startDate, Long endDate, List<String> productIds, List<String> productTypes, List<String> groups,
    String ownership, Boolean revoked, boolean descending, String signature) {

  /** Apple's productType values → the transaction's {@code type} (§3.3). */
  private static final Map<String, String> TYPES = Map.of("AUTO_RENEWABLE", "Auto-Renewable Subscription",
      "NON_RENEWABLE", "Non-Renewing Subscription", "CONSUMABLE", "Consumable", "NON_CONSUMABLE", "Non-Consumable");
  private static final Set<String> OWNERSHIP = Set.of("FAMILY_SHARED", "PURCHASED");

  static HistoryFilter of(StoreKitCall call) {
    Long start = date(call, "startDate", 4000015);
    Long end = date(call, "endDate", 4000016);
    if (start != null && end != null && start >= end) {
      throw new StoreKitException(4000013, "startDate " + start + " is not before endDate " + end + " (startDate inclusive, endDate exclusive)");
    }
    List<String> products = call.query("productId");
    for (String p : products) {
      if (p.isBlank()) {
        throw new StoreKitException(4000023, "productId is empty");
      }
    }
    List<String> types = call.query("productType");
    for (String t : types) {
      if (!TYPES.containsKey(t)) {
        throw new StoreKitException(4000022, "productType '" + t + "' is none of " + new TreeMap<>(TYPES).keySet());
      }
    }
    List<String> groups = call.query("subscriptionGroupIdentifier");
    for (String g : groups) {
      if (g.isBlank()) {
        throw new StoreKitException(4000024, "subscriptionGroupIdentifier is empty");
      }
    }
    String ownership = call.queryOne("inAppOwnershipType");
    if (ownership != null && !OWNERSHIP.contains(ownership)) {
      throw new StoreKitException(4000026, "inAppOwnershipType '" + ownership + "' is neither FAMILY_SHARED nor PURCHASED");
    }
    Boolean revoked = bool(call, "revoked", 4000030);
    Boolean excludeRevoked = bool(call, "excludeRevoked", 4000025);
    if (Boolean.TRUE.equals(excludeRevoked) && revoked == null) {
      revoked = false; // the deprecated excludeRevoked=true is revoked=false (D:get-transaction-history) [INFER: equivalence]
    }
    String sort = call.queryOne("sort");
    if (sort != null && !sort.equals("ASCENDING") && !sort.equals("DESCENDING")) {
      throw new StoreKitException(4000021, "sort '" + sort + "' is neither ASCENDING nor DESCENDING");
    }
    String signature = String.join("|", String.valueOf(start), String.valueOf(end), products.toString(), types.toString(),
        groups.toString(), String.valueOf(ownership), String.valueOf(revoked), String.valueOf(sort));
    return new HistoryFilter(start, end, products, types.stream().map(TYPES::get).toList(), groups, ownership, revoked,
        "DESCENDING".equals(sort), Integer.toHexString(signature.hashCode()));
  }

  boolean matches(Resource transaction) {
    JsonNode a = transaction.attributes();
    long purchase = a.path("purchaseDate").asLong();
    return (startDate == null || purchase >= startDate) && (endDate == null || purchase < endDate)
        && (productIds.isEmpty() || productIds.contains(a.path("productId").asText()))
        && (productTypes.isEmpty() || productTypes.contains(a.path("type").asText()))
        && (groups.isEmpty() || groups.contains(a.path("subscriptionGroupIdentifier").asText()))
        && (ownership == null || ownership.equals(a.path("inAppOwnershipType").asText()))
        && (revoked == null || revoked == a.has("revocationDate"));
  }

  private static Long date(StoreKitCall call, String name, long code) {
    String value = call.queryOne(name);
    if (value == null) {
      return null;
    }
    try {
      long millis = Long.parseLong(value);
      if (millis < 0) {
        throw new NumberFormatException();
      }
      return millis;
    } catch (NumberFormatException e) {
      throw new StoreKitException(code, name + " '" + value + "' is not a date in epoch milliseconds");
    }
  }

  private static Boolean bool(StoreKitCall call, String name, long code) {
    String value = call.queryOne(name);
    if (value == null) {
      return null;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new StoreKitException(code, name + " '" + value + "' is neither true nor false");
    }
    return Boolean.valueOf(value);
  }
}
