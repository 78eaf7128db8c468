package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.storekit.StoreEnvironment;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long a subscription or offer period lasts on the virtual clock, from {@code renewal-rates.json}:
 * the real calendar period in production, Apple's accelerated sandbox rate (1 month = 5 minutes,
 * server-api.md §4.3) in sandbox; billing retry and grace periods scale the same way.
 */
final class RenewalRates {
  private final JsonNode table;

  RenewalRates(JsonNode table) {
    this.table = table;
  }

  /** The ISO-8601 period of a catalogue duration ({@code ONE_MONTH} → {@code P1M}); null for an unknown one. */
  String iso(String catalogueDuration) {
    return table.path("catalogue").path(catalogueDuration).asText(null);
  }

  /** The end of {@code count} periods {@code iso} starting at {@code start} (epoch ms). */
  long end(long start, String iso, int count, StoreEnvironment environment) {
    JsonNode row = table.path("periods").path(iso);
    if (row.isMissingNode()) {
      throw new IllegalArgumentException("renewal-rates.json has no period " + iso);
    }
    if (environment == StoreEnvironment.SANDBOX) {
      return start + 1000L * row.path("sandboxSeconds").asLong() * count;
    }
    Period period = Period.parse(row.path("production").asText()).multipliedBy(count);
    return Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).plus(period).toInstant().toEpochMilli();
  }

  /** {@code days} calendar days from {@code start}, scaled like one month = 5 minutes in sandbox [INFER]. */
  long days(long start, int days, StoreEnvironment environment) {
    if (environment == StoreEnvironment.SANDBOX) {
      return start + 1000L * table.path("periods").path("P1M").path("sandboxSeconds").asLong() * days / 30;
    }
    return start + days * 86_400_000L;
  }

  /** One month on the environment's clock: 30 days in production [INFER: eligibility counts whole months], the sandbox rate's month. */
  long monthMillis(StoreEnvironment environment) {
    return environment == StoreEnvironment.SANDBOX ? 1000L * table.path("periods").path("P1M").path("sandboxSeconds").asLong() : 30 * 86_400_000L;
  }

  int maxSandboxRenewals() {
    return table.path("maxSandboxRenewals").asInt();
  }

  int billingRetryDays() {
    return table.path("billingRetryDays").asInt();
  }
}
