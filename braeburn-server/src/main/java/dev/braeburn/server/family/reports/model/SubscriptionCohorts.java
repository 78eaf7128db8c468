package dev.braeburn.server.family.reports.model;

import dev.braeburn.server.family.commerce.pricing.Pricing;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Auto-renewable subscriptions as cohorts. Each day a share of the first-time downloaders
 * subscribe, half of them (tunable) through a free trial of which 55% convert; every period a
 * cohort renews at a retention rate that depends on the duration (weekly plans churn least per
 * period, yearly most), 3% of renewals fall into billing retry and 45% of those recover six days
 * later. Events use Apple's names (reports-webhooks.md §2.3); states are end-of-day counts. A day
 * looks back only as far as cohorts still matter (retention^k above 0.2%), so its cost is bounded.
 */
final class SubscriptionCohorts {
  static final double TRIAL_CONVERSION = 0.55;
  static final double RETRY_SHARE = 0.03;
  static final double RECOVERY = 0.45;
  static final int RECOVERY_DAYS = 6;
  private static final double NEGLIGIBLE = 0.002;
  private static final long STREAM_SUBSCRIPTIONS = 5;

  record Result(List<SubscriptionStateRow> states, List<SubscriptionEventRow> events, List<PurchaseRow> purchases) {}

  /** A plan's length in days, per-period retention and free-trial length. */
  private record Plan(int days, double retention, int trialDays, String trialName) {
    static Plan of(String duration) {
      return switch (duration == null ? "1 Month" : duration) {
        case "7 Days" -> new Plan(7, 0.88, 3, "3 Days");
        case "2 Months" -> new Plan(61, 0.84, 7, "1 Week");
        case "3 Months" -> new Plan(91, 0.82, 7, "1 Week");
        case "6 Months" -> new Plan(182, 0.78, 7, "1 Week");
        case "1 Year" -> new Plan(365, 0.62, 7, "1 Week");
        default -> new Plan(30, 0.86, 7, "1 Week");
      };
    }

    /** Renewals still worth counting: retention^k above the negligible share. */
    int periods() {
      return (int) Math.ceil(Math.log(NEGLIGIBLE) / Math.log(retention));
    }

    int lookBack() {
      return days * periods() + RECOVERY_DAYS + trialDays + 1;
    }
  }

  private final ModelApp app;
  private final Demand demand;
  private final LocalDate date;
  private final Markets markets;

  SubscriptionCohorts(ModelApp app, Demand demand, LocalDate date, Markets markets) {
    this.app = app;
    this.demand = demand;
    this.date = date;
    this.markets = markets;
  }

  Result simulate() {
    List<ModelProduct> plans = app.products().stream().filter(p -> p.kind() == ProductKind.AUTO_RENEWABLE_SUBSCRIPTION).toList();
    List<SubscriptionStateRow> states = new ArrayList<>();
    List<SubscriptionEventRow> events = new ArrayList<>();
    List<PurchaseRow> purchases = new ArrayList<>();
    if (plans.isEmpty()) {
      return new Result(states, events, purchases);
    }
    double shareTotal = plans.stream().mapToDouble(p -> popularity(p.duration())).sum();
    int lookBack = (int) Math.min(demand.age(date), plans.stream().mapToInt(p -> Plan.of(p.duration()).lookBack()).max().orElse(0));
    long[] downloads = new long[lookBack + 1]; // downloads[m] = first-time downloads m days before date
    for (int m = 0; m <= lookBack; m++) {
      downloads[m] = demand.firstTimeDownloads(date.minusDays(m));
    }
    for (int i = 0; i < plans.size(); i++) {
      ModelProduct product = plans.get(i);
      Cohort cohort = new Cohort(Plan.of(product.duration()), downloads,
          app.tuning().subscriptionRate() * popularity(product.duration()) / shareTotal, app.tuning().trialShare());
      SplittableRandom r = demand.random(date, STREAM_SUBSCRIPTIONS * 1000 + i);
      cohort.day(product, r, states, events, purchases);
    }
    return new Result(states, events, purchases);
  }

  private static double popularity(String duration) {
    return switch (duration == null ? "" : duration) {
      case "1 Month" -> 1.0;
      case "1 Year" -> 0.6;
      case "7 Days" -> 0.5;
      default -> 0.3;
    };
  }

  /** One plan's cohorts seen from {@link #date}. */
  private final class Cohort {
    private final Plan plan;
    private final long[] downloads;
    private final double startRate;
    private final double trialShare;

    Cohort(Plan plan, long[] downloads, double startRate, double trialShare) {
      this.plan = plan;
      this.downloads = downloads;
      this.startRate = startRate;
      this.trialShare = trialShare;
    }

    private double starts(int m) {
      return m < downloads.length ? downloads[m] * startRate : 0;
    }

    private double trials(int m) {
      return starts(m) * trialShare;
    }

    private double direct(int m) {
      return starts(m) * (1 - trialShare);
    }

    private double converted(int m) {
      return trials(m + plan.trialDays()) * TRIAL_CONVERSION;
    }

    /** Paid subscriptions whose first period began {@code m} days before the date. */
    private double newPaid(int m) {
      return direct(m) + converted(m);
    }

    /** Subscriptions of the cohort {@code k} periods old whose renewal comes due {@code m} days before the date. */
    private double due(int m, int k) {
      return newPaid(m + k * plan.days()) * Math.pow(plan.retention(), k - 1);
    }

    void day(ModelProduct product, SplittableRandom r, List<SubscriptionStateRow> states, List<SubscriptionEventRow> events,
        List<PurchaseRow> purchases) {
      double ret = plan.retention();
      long startIntro = Allocation.round(trials(0), r);
      long subscribe = Allocation.round(direct(0), r);
      long fromIntro = Allocation.round(converted(0), r);
      event(events, product, "Start Introductory Offer", "Free Trial", plan.trialName(), 0, date, "", startIntro);
      event(events, product, "Subscribe", "", "", 1, date, "", subscribe);
      event(events, product, "Paid Subscription from Introductory Offer", "Free Trial", plan.trialName(), 1,
          date.minusDays(plan.trialDays()), "", fromIntro);
      long renewals = 0;
      for (int k = 1; k <= plan.periods(); k++) {
        double due = due(0, k);
        LocalDate original = date.minusDays((long) k * plan.days());
        long renew = Allocation.round(due * ret * (1 - RETRY_SHARE), r);
        long recovered = Allocation.round(due(RECOVERY_DAYS, k) * ret * RETRY_SHARE * RECOVERY, r);
        renewals += renew + recovered;
        event(events, product, "Renew", "", "", k + 1, original, "", renew);
        event(events, product, "Billing Retry from Paid Subscription", "", "", k, original, "",
            Allocation.round(due * ret * RETRY_SHARE, r));
        event(events, product, "Renewal from Billing Retry", "", "", k + 1, original.minusDays(RECOVERY_DAYS), "", recovered);
        event(events, product, "Cancel", "", "", k, original, "Other", Allocation.round(due * (1 - ret), r));
      }
      List<PurchaseRow> sold = new ArrayList<>(PurchaseDay.sell(product, "New", subscribe + fromIntro, markets, r, 1.0));
      sold.addAll(PurchaseDay.sell(product, "Renewal", renewals, markets, r, 1.0));
      purchases.addAll(sold);
      refundEvents(events, product, sold);
      states(product, states);
    }

    private void states(ModelProduct product, List<SubscriptionStateRow> out) {
      double keep = plan.retention() * (1 - RETRY_SHARE + RETRY_SHARE * RECOVERY);
      double standard = 0;
      for (int m = 0; m < downloads.length; m++) {
        standard += newPaid(m) * Math.pow(keep, m / plan.days());
      }
      double trial = 0;
      for (int m = 0; m < plan.trialDays(); m++) {
        trial += trials(m);
      }
      double retry = 0;
      for (int m = 0; m < RECOVERY_DAYS; m++) {
        for (int k = 1; k <= plan.periods(); k++) {
          retry += due(m, k) * plan.retention() * RETRY_SHARE;
        }
      }
      long[] active = markets.split(Math.round(standard));
      long[] trials = markets.split(Math.round(trial));
      long[] retrying = markets.split(Math.round(retry));
      for (int i = 0; i < active.length; i++) {
        if (active[i] + trials[i] + retrying[i] == 0) {
          continue;
        }
        Markets.Market market = markets.all().get(i);
        String t = market.territory();
        String currency = Pricing.currency(t);
        long grace = Math.round(retrying[i] * 0.35);
        out.add(new SubscriptionStateRow(product, t, market.device(), currency, Pricing.customerPrice(product.priceUsd(t), t),
            currency, Pricing.proceedsPerUnit(product.priceUsd(t), t), active[i], trials[i], 0, 0, retrying[i], grace,
            active[i] + trials[i] + retrying[i]));
      }
    }

    private void refundEvents(List<SubscriptionEventRow> events, ModelProduct product, List<PurchaseRow> sold) {
      for (Markets.Market market : markets.all()) {
        long refunds = 0;
        for (PurchaseRow p : sold) {
          if (p.audience().territory().equals(market.territory()) && p.audience().device().equals(market.device())) {
            refunds += p.refunds();
          }
        }
        if (refunds > 0) {
          events.add(new SubscriptionEventRow(product, "Refund", market.territory(), market.device(), "", "", 1, date, "", refunds));
        }
      }
    }

    private void event(List<SubscriptionEventRow> events, ModelProduct product, String name, String offerType,
        String offerDuration, int periods, LocalDate originalStart, String reason, long total) {
      long[] parts = markets.split(total);
      for (int i = 0; i < parts.length; i++) {
        if (parts[i] > 0) {
          Markets.Market market = markets.all().get(i);
          events.add(new SubscriptionEventRow(product, name, market.territory(), market.device(), offerType, offerDuration,
              periods, originalStart, reason, parts[i]));
        }
      }
    }
  }
}
