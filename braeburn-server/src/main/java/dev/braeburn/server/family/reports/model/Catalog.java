package dev.braeburn.server.family.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.ResourceModel;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an app sells, read from the store: its in-app purchases ({@code apps.inAppPurchasesV2}) and
 * the subscriptions of its subscription groups, in the store's order. Products removed from sale
 * or rejected do not sell. Prices are the store's (an in-app purchase's price schedule, a
 * subscription's prices: {@link dev.braeburn.server.family.commerce.pricing.StorePrices}); a product
 * without any keeps the tuning's: a per-product override, else a default per kind (subscriptions by duration).
 */
final class Catalog {
  private static final Set<String> NOT_FOR_SALE = Set.of("DEVELOPER_REMOVED_FROM_SALE", "REMOVED_FROM_SALE", "REJECTED");

  private final ResourceModel model;

  Catalog(ResourceModel model) {
    this.model = model;
  }

  List<ModelProduct> products(StoreTx tx, Resource app, ModelTuning tuning) {
    List<ModelProduct> out = new ArrayList<>();
    for (Resource iap : related(tx, app, "inAppPurchasesV2")) {
      JsonNode a = iap.attributes();
      ProductKind kind = switch (a.path("inAppPurchaseType").asText("")) {
        case "CONSUMABLE" -> ProductKind.CONSUMABLE;
        case "NON_CONSUMABLE" -> ProductKind.NON_CONSUMABLE;
        case "NON_RENEWING_SUBSCRIPTION" -> ProductKind.NON_RENEWING_SUBSCRIPTION;
        default -> null; // v1 auto-renewables are the subscriptions below; free subscriptions sell nothing
      };
      if (kind != null && forSale(a)) {
        out.add(product(tx, iap, kind, null, null, null, tuning));
      }
    }
    for (Resource group : related(tx, app, "subscriptionGroups")) {
      String groupName = group.attributes().path("referenceName").asText(group.id());
      for (Resource sub : related(tx, group, "subscriptions")) {
        if (forSale(sub.attributes())) {
          String duration = duration(sub.attributes().path("subscriptionPeriod").asText("ONE_MONTH"));
          out.add(product(tx, sub, ProductKind.AUTO_RENEWABLE_SUBSCRIPTION, group.id(), groupName, duration, tuning));
        }
      }
    }
    return out;
  }

  /** Two made-up products for an app that has none in the store, with ids derived from the app id. */
  static List<ModelProduct> invented(String appId, String bundleId, ModelTuning tuning) {
    long base = 6_700_000_000L + Math.floorMod(Seeds.of(appId), 99_000_000L) * 10;
    String prefix = bundleId == null || bundleId.isBlank() ? "app" + appId : bundleId;
    String coins = prefix + ".coins100";
    String monthly = prefix + ".pro.monthly";
    return List.of(
        new ModelProduct(String.valueOf(base + 1), coins, "100 Coins", ProductKind.CONSUMABLE,
            price(tuning, coins, ProductKind.CONSUMABLE, null), null, null, null),
        new ModelProduct(String.valueOf(base + 2), monthly, "Pro Monthly", ProductKind.AUTO_RENEWABLE_SUBSCRIPTION,
            price(tuning, monthly, ProductKind.AUTO_RENEWABLE_SUBSCRIPTION, "1 Month"),
            String.valueOf(20_000_000L + Math.floorMod(Seeds.of(appId), 9_000_000L)), "Pro", "1 Month"));
  }

  /** The dollar price of a product: the tuning's override for its product id, else its kind's default. */
  static BigDecimal price(ModelTuning tuning, String productId, ProductKind kind, String duration) {
    BigDecimal override = tuning.productPrices().get(productId);
    if (override != null) {
      return override;
    }
    return new BigDecimal(switch (kind) {
      case CONSUMABLE -> "0.99";
      case NON_CONSUMABLE -> "4.99";
      case NON_RENEWING_SUBSCRIPTION -> "2.99";
      case AUTO_RENEWABLE_SUBSCRIPTION -> switch (duration) {
        case "7 Days" -> "2.99";
        case "2 Months" -> "17.99";
        case "3 Months" -> "24.99";
        case "6 Months" -> "44.99";
        case "1 Year" -> "79.99";
        default -> "9.99";
      };
    });
  }

  /** Apple's "Standard Subscription Duration" wording of a {@code subscriptionPeriod}. */
  static String duration(String period) {
    return switch (period) {
      case "ONE_WEEK" -> "7 Days";
      case "TWO_MONTHS" -> "2 Months";
      case "THREE_MONTHS" -> "3 Months";
      case "SIX_MONTHS" -> "6 Months";
      case "ONE_YEAR" -> "1 Year";
      default -> "1 Month";
    };
  }

  private static ModelProduct product(StoreTx tx, Resource r, ProductKind kind, String groupId, String groupName, String duration,
      ModelTuning tuning) {
    var prices = dev.braeburn.server.family.commerce.pricing.StorePrices.of(tx, r.type(), r.id());
    String productId = r.attributes().path("productId").asText(r.id());
    return new ModelProduct(r.id(), productId, r.attributes().path("name").asText(productId), kind,
        price(tuning, productId, kind, duration), groupId, groupName, duration, prices, java.util.Map.of());
  }

  private static boolean forSale(JsonNode attributes) {
    return !NOT_FOR_SALE.contains(attributes.path("state").asText(""));
  }

  private List<Resource> related(StoreTx tx, Resource source, String relationship) {
    var rel = model.relationship(source.type(), relationship);
    if (rel == null) {
      return List.of();
    }
    List<Linkage> targets = tx.linked(source.type(), source.id(), rel.storage());
    List<Resource> found = tx.findAll(targets);
    // findAll has no order; keep the relation's (insertion) order
    List<Resource> ordered = new ArrayList<>();
    for (Linkage l : targets) {
      found.stream().filter(f -> f.type().equals(l.type()) && f.id().equals(l.id())).findFirst().ifPresent(ordered::add);
    }
    return ordered;
  }
}
