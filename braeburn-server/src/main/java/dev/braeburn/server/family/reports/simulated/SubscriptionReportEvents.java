package dev.braeburn.server.family.reports.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table {@code subscription-report-events.json}: which SUBSCRIPTION_EVENT row each
 * notification of a Production subscription counts as, and the wording of offer types. The
 * notifications are the simulator's record of what happened when (the purchase side emits one per
 * change, server-api.md §3.7), so the report replays them instead of a second event log.
 */
final class SubscriptionReportEvents {
  /** One report event: its name, Cancellation Reason, and which transaction's offer the offer columns show. */
  record Event(String name, String cancellationReason, Offer offer) {}

  /** Whose offer fills Subscription Offer Type and Duration: none, the notification's transaction, or the one before it. */
  enum Offer { NONE, THIS, PREVIOUS }

  private static final Pattern ISO_PERIOD = Pattern.compile("P(\\d+)([DWMY])");
  private static final JsonNode TABLE = load();

  private SubscriptionReportEvents() {}

  /**
   * The event a notification counts as; empty when it is none. {@code introductory}: its transaction
   * is an introductory offer; {@code afterIntroductory}: the subscription's transaction before it was.
   */
  static Optional<Event> of(String type, String subtype, boolean introductory, boolean afterIntroductory) {
    JsonNode row = TABLE.path("events").path(type + "/" + subtype);
    if (row.isMissingNode()) {
      row = TABLE.path("events").path(type);
    }
    if (row.isMissingNode()) {
      return Optional.empty();
    }
    String reason = row.path("cancellationReason").asText("");
    if (introductory && row.has("introductory")) {
      return Optional.of(new Event(row.get("introductory").asText(), reason, Offer.THIS));
    }
    if (!introductory && afterIntroductory && row.has("afterIntroductory")) {
      return Optional.of(new Event(row.get("afterIntroductory").asText(), reason, Offer.PREVIOUS));
    }
    return Optional.of(new Event(row.path("event").asText(), reason, Offer.NONE));
  }

  /** Subscription Offer Type of an {@code offerDiscountType} ("FREE_TRIAL" → "Free Trial"); empty when unknown. */
  static String offerType(String offerDiscountType) {
    return TABLE.path("offerTypes").path(offerDiscountType).asText("");
  }

  /** Subscription Offer Duration of an ISO {@code offerPeriod}, as the model writes them: "P1W" → "1 Week", "P3D" → "3 Days". */
  static String offerDuration(String offerPeriod) {
    Matcher m = ISO_PERIOD.matcher(offerPeriod == null ? "" : offerPeriod);
    if (!m.matches()) {
      return "";
    }
    int n = Integer.parseInt(m.group(1));
    String unit = switch (m.group(2)) {
      case "D" -> "Day";
      case "W" -> "Week";
      case "M" -> "Month";
      default -> "Year";
    };
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static JsonNode load() {
    try (InputStream in = SubscriptionReportEvents.class.getResourceAsStream("subscription-report-events.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
