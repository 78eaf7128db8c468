package dev.braeburn.server.family.reports.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.ModelProduct;
import dev.braeburn.server.family.reports.model.PurchaseRow;
import dev.braeburn.server.family.reports.model.SubscriptionEventRow;
import dev.braeburn.server.family.reports.model.SubscriptionStateRow;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords;
import dev.braeburn.server.family.storekit.purchases.PurchaseRecords.ProductionSale;
import dev.braeburn.server.store.StoreTx;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the purchase simulator recorded in the Production environment, laid over the usage model's
 * days (docs/purchases.md "Reports"): its sales and refunds as purchase rows, its subscriptions'
 * end-of-day states merged into the model's state rows, and their changes as subscription events.
 * Apple's reports count production only, so Sandbox never appears. The model stays a pure function
 * of app and date; the store is read once per request ({@link #read}) and every report, the
 * metrics summary and the analytics files lay the same overlay over the model's days.
 */
public final class SimulatedDays {
  /** Apple's reporting days are Pacific days (reports-webhooks.md §2.1). */
  public static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final String AUTO_RENEWABLE = "Auto-Renewable Subscription";

  private record AppRecords(List<ProductionSale> sales, List<SubscriptionHistory> subscriptions) {}

  private final Map<String, AppRecords> apps;

  private SimulatedDays(Map<String, AppRecords> apps) {
    this.apps = apps;
  }

  /** The Production records of {@code appIds}, read in the caller's transaction. */
  public static SimulatedDays read(StoreTx tx, Collection<String> appIds) {
    Map<String, AppRecords> apps = new HashMap<>();
    for (String appId : appIds) {
      List<ProductionSale> sales = PurchaseRecords.productionSales(tx, appId, PACIFIC);
      List<SubscriptionHistory> subscriptions = subscriptions(tx, appId);
      if (!sales.isEmpty() || !subscriptions.isEmpty()) {
        apps.put(appId, new AppRecords(sales, subscriptions));
      }
    }
    return new SimulatedDays(apps);
  }

  /** Sales alone, as an analytics instance froze them ({@link #sales}): purchases are all those files count. */
  public static SimulatedDays ofSales(String appId, List<ProductionSale> sales) {
    return new SimulatedDays(sales.isEmpty() ? Map.of() : Map.of(appId, new AppRecords(sales, List.of())));
  }

  /** The app's sales and refunds counted on days {@code from}–{@code to}. */
  public List<ProductionSale> sales(String appId, LocalDate from, LocalDate to) {
    AppRecords records = apps.get(appId);
    return records == null ? List.of()
        : records.sales().stream().filter(s -> !s.day().isBefore(from) && !s.day().isAfter(to)).toList();
  }

  /** Whether the overlay can change any day of {@code appId}. */
  public boolean touches(String appId) {
    return apps.containsKey(appId);
  }

  /** The model's {@code day} with the app's Production purchases, subscription states and events of that date added. */
  public AppDay over(AppDay day) {
    AppRecords records = apps.get(day.app().appId());
    if (records == null) {
      return day;
    }
    List<PurchaseRow> purchases = new ArrayList<>(day.purchases());
    for (ProductionSale sale : records.sales()) {
      if (sale.day().equals(day.date())) {
        product(day, sale.productId()).ifPresent(product -> purchases.add(SimulatedPurchases.row(product, sale)));
      }
    }
    if (records.subscriptions().isEmpty()) {
      return new AppDay(day.app(), day.date(), day.usage(), List.copyOf(purchases), day.subscriptionStates(), day.subscriptionEvents());
    }
    List<SubscriptionEventRow> events = new ArrayList<>(day.subscriptionEvents());
    Map<String, SubscriptionStateRow> states = new LinkedHashMap<>();
    day.subscriptionStates().forEach(s -> states.merge(key(s), s, SimulatedDays::sum));
    for (SubscriptionHistory subscription : records.subscriptions()) {
      subscription.events(day.app(), day.date(), PACIFIC, events);
      subscription.state(day.app(), day.date(), PACIFIC).ifPresent(s -> states.merge(key(s), s, SimulatedDays::sum));
    }
    return new AppDay(day.app(), day.date(), day.usage(), List.copyOf(purchases), List.copyOf(states.values()),
        List.copyOf(events));
  }

  private static Optional<ModelProduct> product(AppDay day, String productId) {
    return day.app().products().stream().filter(p -> p.productId().equals(productId)).findFirst();
  }

  /** Each Production auto-renewable subscription of the app: its transactions and the notifications about them. */
  private static List<SubscriptionHistory> subscriptions(StoreTx tx, String appId) {
    Map<String, List<JsonNode>> chains = new LinkedHashMap<>();
    List<JsonNode> transactions = new ArrayList<>(PurchaseRecords.production(tx, PurchaseRecords.TRANSACTIONS, appId));
    transactions.sort(Comparator.<JsonNode>comparingLong(t -> t.path("purchaseDate").asLong())
        .thenComparingLong(t -> t.path("sequence").asLong()));
    for (JsonNode t : transactions) {
      if (t.path("type").asText().equals(AUTO_RENEWABLE)) {
        chains.computeIfAbsent(t.path("originalTransactionId").asText(), id -> new ArrayList<>()).add(t);
      }
    }
    if (chains.isEmpty()) {
      return List.of();
    }
    Map<String, List<JsonNode>> changes = new HashMap<>();
    List<JsonNode> notifications = new ArrayList<>(PurchaseRecords.production(tx, PurchaseRecords.NOTIFICATIONS, appId));
    notifications.sort(Comparator.comparingLong(n -> n.path("signedDate").asLong()));
    for (JsonNode n : notifications) {
      changes.computeIfAbsent(n.path("originalTransactionId").asText(), id -> new ArrayList<>()).add(n);
    }
    List<SubscriptionHistory> out = new ArrayList<>();
    chains.forEach((id, chain) -> out.add(new SubscriptionHistory(List.copyOf(chain), changes.getOrDefault(id, List.of()))));
    return out;
  }

  /** State rows are one line per subscription, territory, device and price (reports-webhooks.md §2.3 SUBSCRIPTION). */
  private static String key(SubscriptionStateRow s) {
    return s.subscription().appleId() + "|" + s.territory() + "|" + s.device() + "|" + s.customerCurrency() + "|"
        + s.customerPrice().toPlainString();
  }

  private static SubscriptionStateRow sum(SubscriptionStateRow a, SubscriptionStateRow b) {
    return new SubscriptionStateRow(a.subscription(), a.territory(), a.device(), a.customerCurrency(), a.customerPrice(),
        a.proceedsCurrency(), a.proceedsPerUnit(), a.activeStandard() + b.activeStandard(), a.activeFreeTrial() + b.activeFreeTrial(),
        a.activePayUpFront() + b.activePayUpFront(), a.activePayAsYouGo() + b.activePayAsYouGo(), a.billingRetry() + b.billingRetry(),
        a.gracePeriod() + b.gracePeriod(), a.subscribers() + b.subscribers());
  }
}
