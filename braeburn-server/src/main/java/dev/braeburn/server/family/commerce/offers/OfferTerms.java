package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The offer terms table ({@code terms.json}): which durations and how many periods go with each
 * offer mode, and whether the mode has a price. Shared by introductory, promotional, offer-code and
 * win-back offers, which Apple configures with the same duration pickers.
 */
final class OfferTerms {
  private final JsonNode modes;

  private OfferTerms(JsonNode modes) {
    this.modes = modes;
  }

  static OfferTerms load(ObjectMapper mapper) {
    try (InputStream in = OfferTerms.class.getResourceAsStream("terms.json")) {
      return new OfferTerms(mapper.readTree(in).get("modes"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the mode's offers carry a price point (paid modes); false for a free trial. */
  boolean paid(String mode) {
    return "required".equals(modes.path(mode).path("pricePoint").asText());
  }

  /**
   * Refuses a duration the mode does not take and a period count outside its bounds. A mode or a
   * subscription period the table does not know (null on a loaded resource) is not judged.
   */
  void check(String mode, String duration, JsonNode periods, String periodsAttribute, String subscriptionPeriod) {
    JsonNode row = modes.get(mode == null ? "" : mode);
    if (row == null || duration == null) {
      return;
    }
    JsonNode durations = row.get("durations");
    int max;
    if (durations.isTextual()) { // PAY_AS_YOU_GO: the subscription's own period
      if (subscriptionPeriod == null) {
        return;
      }
      if (!duration.equals(subscriptionPeriod)) {
        throw OfferErrors.refuse(OfferErrors.durationNotForMode(duration, mode), mode + " offers bill the subscription's own period, "
            + subscriptionPeriod + ", so the duration must be " + subscriptionPeriod + " (terms.json; Apple's wording inferred).");
      }
      max = row.path("maxPeriodsBySubscriptionPeriod").path(subscriptionPeriod).asInt(12);
    } else {
      boolean listed = false;
      for (JsonNode d : durations) {
        listed |= d.asText().equals(duration);
      }
      if (!listed) {
        throw OfferErrors.refuse(OfferErrors.durationNotForMode(duration, mode), mode + " offers take the durations " + durations
            + "; " + duration + " is not one (terms.json; Apple's wording inferred).");
      }
      max = row.path("maxPeriods").asInt(1);
    }
    if (periods != null && periods.canConvertToInt() && (periods.asInt() < 1 || periods.asInt() > max)) {
      String pointer = "/data/attributes/" + periodsAttribute;
      throw OfferErrors.refuse(OfferErrors.periods(periodsAttribute, max, mode, pointer), mode + " offers of duration " + duration
          + " run 1 to " + max + " periods; " + periods.asInt() + " asked (terms.json; maxima and wording inferred).");
    }
  }
}
