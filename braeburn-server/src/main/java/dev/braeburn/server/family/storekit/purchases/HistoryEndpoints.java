package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitException;
import dev.braeburn.server.storekit.StoreKitHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * Get Transaction History v2 and v1, Get Refund History v2 and v1 (server-api.md §1.3 rows 2–3,
 * 5–6; §1.4): 20 transactions a page in the order they last changed, an opaque revision that
 * marks the position and the filters it was issued for.
 */
final class HistoryEndpoints {
  static final int PAGE = 20;
  static final long INVALID_REVISION = 4000005;
  private final PurchaseContext ctx;
  private final TransactionEndpoints responses;

  HistoryEndpoints(PurchaseContext ctx, TransactionEndpoints responses) {
    this.ctx = ctx;
    this.responses = responses;
  }

  void register(StoreKitHandlers handlers) {
    handlers.register("getTransactionHistoryV2", call -> history(call, false)).register("getTransactionHistoryV1", call -> history(call, true))
        .register("getRefundHistoryV2", this::refunds).register("getRefundHistoryV1", this::refundsV1);
  }

  private ApiResponse history(StoreKitCall call, boolean v1) {
    HistoryFilter filter = HistoryFilter.of(call);
    return ctx.services().store().read(call.teamId(), tx -> {
      Lookup.Found found = Lookup.any(tx, call, call.param("transactionId"), true);
      // v1 leaves out consumables the app has finished (D:get-transaction-history-v1)
      Predicate<Resource> shown = t -> filter.matches(t) && !(v1 && t.attributes().path("type").asText().equals("Consumable")
          && t.attributes().path("finished").asBoolean());
      ObjectNode out = page(tx, call, found.customer(), shown, filter.descending(), filter.signature(), "signedTransactions");
      ObjectNode body = ctx.object().put("revision", out.path("revision").asText()).put("bundleId", bundle(call));
      if (!out.path("signedTransactions").isEmpty()) {
        body.put("appAppleId", Long.parseLong(call.app().id())); // absent in Apple's recorded empty history (§1.4)
      }
      body.put("environment", call.environment().wire()).put("hasMore", out.path("hasMore").asBoolean());
      body.set("signedTransactions", out.get("signedTransactions"));
      return responses.ok(body);
    });
  }

  private ApiResponse refunds(StoreKitCall call) {
    return ctx.services().store().read(call.teamId(), tx -> {
      Lookup.Found found = Lookup.any(tx, call, call.param("transactionId"), true);
      ObjectNode out = page(tx, call, found.customer(), HistoryEndpoints::refunded, false, "refunds", "signedTransactions");
      ObjectNode body = ctx.object();
      body.set("signedTransactions", out.get("signedTransactions"));
      return responses.ok(body.put("revision", out.path("revision").asText()).put("hasMore", out.path("hasMore").asBoolean()));
    });
  }

  /** The deprecated v1: every refunded transaction of the customer at once [INFER: v1 had no paging]. */
  private ApiResponse refundsV1(StoreKitCall call) {
    return ctx.services().store().read(call.teamId(), tx -> {
      Lookup.Found found = Lookup.any(tx, call, call.param("transactionId"), false);
      ArrayNode signed = ctx.object().arrayNode();
      for (Resource t : Ledger.transactionsOf(tx, call.app().id(), found.customer(), call.environment())) {
        if (refunded(t)) {
          signed.add(ctx.sign(tx, Ledger.decoded(t)));
        }
      }
      ObjectNode body = ctx.object();
      body.set("signedTransactions", signed);
      return responses.ok(body);
    });
  }

  private static boolean refunded(Resource t) {
    return t.attributes().has("revocationDate") && !"FAMILY_REVOKE".equals(t.attributes().path("revocationType").asText());
  }

  private ObjectNode page(StoreTx tx, StoreKitCall call, String customer, Predicate<Resource> shown, boolean descending, String signature,
      String field) {
    Position after = Position.parse(call.queryOne("revision"), signature);
    List<Resource> all = new ArrayList<>(Ledger.transactionsOf(tx, call.app().id(), customer, call.environment()));
    if (descending) {
      all = all.reversed();
    }
    List<Resource> rest = all.stream().filter(shown).filter(t -> after == null || after.before(t, descending)).toList();
    List<Resource> page = rest.subList(0, Math.min(PAGE, rest.size()));
    ArrayNode signed = ctx.object().arrayNode();
    page.forEach(t -> signed.add(ctx.sign(tx, Ledger.decoded(t))));
    String revision = page.isEmpty() ? (call.queryOne("revision") == null ? "0" : call.queryOne("revision"))
        : Position.of(page.getLast(), signature).encode();
    ObjectNode out = ctx.object().put("revision", revision).put("hasMore", rest.size() > page.size());
    out.set(field, signed);
    return out;
  }

  private static String bundle(StoreKitCall call) {
    return call.app().attributes().path("bundleId").asText();
  }

  /** Where a page ended: the last transaction's change date and sequence, and the filters asked with it. */
  record Position(long modified, long sequence, String signature) {
    static Position of(Resource t, String signature) {
      return new Position(t.attributes().path("modifiedDate").asLong(), t.attributes().path("sequence").asLong(), signature);
    }

    static Position parse(String revision, String signature) {
      if (revision == null || revision.equals("0")) {
        return null;
      }
      String[] parts;
      try {
        parts = new String(Base64.getUrlDecoder().decode(revision), StandardCharsets.UTF_8).split("\\|");
        Position p = new Position(Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]);
        if (!parts[0].equals("r1")) {
          throw new IllegalArgumentException();
        }
        if (!p.signature.equals(signature)) {
          throw new StoreKitException(INVALID_REVISION, "the revision was issued for other filters or sort; a revision must be sent with the"
              + " same filters as the call that returned it (D:get-transaction-history)");
        }
        return p;
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        throw new StoreKitException(INVALID_REVISION, "revision '" + revision + "' is not one Braeburn issued");
      }
    }

    String encode() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(("r1|" + modified + "|" + sequence + "|" + signature)
          .getBytes(StandardCharsets.UTF_8));
    }

    boolean before(Resource t, boolean descending) {
      long m = t.attributes().path("modifiedDate").asLong();
      long s = t.attributes().path("sequence").asLong();
      int cmp = m != modified ? Long.compare(m, modified) : Long.compare(s, sequence);
      return descending ? cmp < 0 : cmp > 0;
    }
  }
}
