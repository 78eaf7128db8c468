package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * Who may redeem an offer, from {@code eligibility.json}: the App Store Server API calls
 * {@link #allows} at purchase with the offer's attributes (as the API renders them) and the
 * customer's history in the offer's subscription group (or with the in-app purchase).
 */
public final class Eligibility {
  /** The offer kinds of the table. */
  public enum Kind { INTRODUCTORY, PROMOTIONAL, OFFER_CODE, IN_APP_PURCHASE_OFFER_CODE, WIN_BACK }

  /**
   * A customer's history: subscribed in the group now / ever, had an introductory offer in the
   * group, paid months in total, months since the last subscription ended and since the last
   * win-back offer (null: never), whether the developer signed the purchase (promotional offers),
   * and for in-app purchases whether the customer bought / still holds the product.
   */
  public record CustomerHistory(boolean subscribedNow, boolean everSubscribed, boolean hadIntroductoryOffer, int paidMonths,
      Integer monthsSinceLastSubscribed, Integer monthsSinceLastWinBack, boolean signedByDeveloper, boolean everBought, boolean holdsPurchase) {}

  /** The answer and, when refused, the rule that refused it. */
  public record Decision(boolean allowed, String reason) {
    static Decision yes() {
      return new Decision(true, null);
    }
  }

  private final JsonNode kinds;

  private Eligibility(JsonNode kinds) {
    this.kinds = kinds;
  }

  public static Eligibility load(ObjectMapper mapper) {
    try (InputStream in = Eligibility.class.getResourceAsStream("eligibility.json")) {
      return new Eligibility(mapper.readTree(in).get("kinds"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a customer with {@code history} may redeem {@code offer} (its attributes) of {@code kind} on {@code today}. */
  public Decision allows(Kind kind, JsonNode offer, CustomerHistory history, LocalDate today) {
    for (JsonNode rule : kinds.path(kind.name()).path("requires")) {
      String failed = check(rule.asText(), offer, history, today);
      if (failed != null) {
        return new Decision(false, rule.asText() + ": " + failed);
      }
    }
    return Decision.yes();
  }

  private static String check(String rule, JsonNode offer, CustomerHistory h, LocalDate today) {
    return switch (rule) {
      case "NEVER_HAD_INTRO_OFFER_IN_GROUP" -> h.hadIntroductoryOffer() ? "the customer already had an introductory offer in the group" : null;
      case "NOT_SUBSCRIBED_IN_GROUP" -> h.subscribedNow() ? "the customer is subscribed in the group" : null;
      case "HAS_SUBSCRIBED_IN_GROUP" -> h.everSubscribed() ? null : "the customer never subscribed in the group";
      case "SIGNED_BY_DEVELOPER" -> h.signedByDeveloper() ? null : "the purchase carries no developer signature";
      case "CUSTOMER_ELIGIBILITY_MATCHES" -> listed(offer, h.subscribedNow() ? "EXISTING" : h.everSubscribed() ? "EXPIRED" : "NEW");
      case "SPENDER_ELIGIBILITY_MATCHES" -> listed(offer, h.holdsPurchase() ? "ACTIVE_SPENDER" : h.everBought() ? "CHURNED_SPENDER" : "NON_SPENDER");
      case "PAID_MONTHS_AT_LEAST" -> h.paidMonths() >= offer.path("customerEligibilityPaidSubscriptionDurationInMonths").asInt(0)
          ? null : "the customer paid " + h.paidMonths() + " months, fewer than the offer asks";
      case "MONTHS_SINCE_LAST_SUBSCRIBED_IN_RANGE" -> lapsedInRange(offer.path("customerEligibilityTimeSinceLastSubscribedInMonths"), h);
      case "MONTHS_SINCE_LAST_WIN_BACK_AT_LEAST" -> h.monthsSinceLastWinBack() == null
          || h.monthsSinceLastWinBack() >= offer.path("customerEligibilityWaitBetweenOffersInMonths").asInt(0)
          ? null : "the customer had a win-back offer " + h.monthsSinceLastWinBack() + " months ago";
      case "OFFER_RUNNING" -> running(offer, today);
      default -> throw new IllegalStateException("eligibility.json names an unknown rule " + rule);
    };
  }

  private static String listed(JsonNode offer, String group) {
    for (JsonNode e : offer.path("customerEligibilities")) {
      if (e.asText().equals(group)) {
        return null;
      }
    }
    return "the offer's customerEligibilities do not include " + group;
  }

  private static String lapsedInRange(JsonNode range, CustomerHistory h) {
    Integer months = h.monthsSinceLastSubscribed();
    if (months == null) {
      return "the customer never had a subscription that ended";
    }
    boolean tooSoon = range.path("minimum").canConvertToInt() && months < range.get("minimum").asInt();
    boolean tooLate = range.path("maximum").canConvertToInt() && months > range.get("maximum").asInt();
    return tooSoon || tooLate ? "the customer lapsed " + months + " months ago, outside the offer's range" : null;
  }

  private static String running(JsonNode offer, LocalDate today) {
    String start = offer.path("startDate").asText(null);
    String end = offer.path("endDate").asText(null);
    if (start != null && today.isBefore(LocalDate.parse(start))) {
      return "the offer starts on " + start;
    }
    return end != null && today.isAfter(LocalDate.parse(end)) ? "the offer ended on " + end : null;
  }
}
