package dev.braeburn.server.family.reports.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Puts one {@link AppDay} together: usage, then the sales and subscriptions that follow from it. */
final class DaySimulation {
  private DaySimulation() {}

  static AppDay day(ModelApp stored, LocalDate date) {
    ModelApp app = stored.on(date); // the store's prices in effect that day
    Demand demand = new Demand(app);
    if (demand.age(date) < 0) {
      return new AppDay(app, date, List.of(), List.of(), List.of(), List.of());
    }
    Map<Measure, Long> totals = UsageDay.totals(app, demand, date);
    AudienceSpace space = AudienceSpace.of(app, demand, date, demand.expected(date));
    List<UsageRow> usage = UsageDay.rows(app, totals, space);
    Markets markets = new Markets(app, space, new Releases(demand, date).newestAppVersion(), date);
    List<PurchaseRow> purchases = new ArrayList<>(PurchaseDay.rows(app, demand, date, totals.get(Measure.ACTIVE_DEVICES), markets));
    SubscriptionCohorts.Result subscriptions = new SubscriptionCohorts(app, demand, date, markets).simulate();
    purchases.addAll(subscriptions.purchases());
    return new AppDay(app, date, List.copyOf(usage), List.copyOf(purchases), List.copyOf(subscriptions.states()),
        List.copyOf(subscriptions.events()));
  }
}
