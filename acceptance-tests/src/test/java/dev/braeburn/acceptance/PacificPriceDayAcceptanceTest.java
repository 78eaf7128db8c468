package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscription price's startDate is a Pacific day (docs/commerce.md), and a purchase charges the
 * price in effect at its instant by that same calendar (docs/purchases.md "Price"): at 03:00 UTC it
 * is still the evening before in California, so a price starting "today" in UTC is not charged yet.
 */
class PacificPriceDayAcceptanceTest extends SharedDemoServerTest {
  private static final String YEARLY_ID = "6752100302";

  @BeforeAll
  static void frozen() {
    PurchasesAcceptanceTest.freezeAndKey();
  }

  @Test
  void aPriceStartingOnTheUtcDayIsChargedOnlyOnceThatDayHasComeInPacificTime() {
    Instant now = OfferPurchasesAcceptanceTest.now();
    Instant threeUtc = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(27)); // the next day's 03:00 UTC
    OfferPurchasesAcceptanceTest.advance(Duration.between(now, threeUtc).toSeconds());
    LocalDate utcDay = LocalDate.ofInstant(threeUtc, ZoneOffset.UTC);
    assertThat(LocalDate.ofInstant(threeUtc, ZoneId.of("America/Los_Angeles"))).as("still yesterday in California").isEqualTo(utcDay.minusDays(1));

    long before = price("pacific-before");
    PriceIncreasePurchasesAcceptanceTest.raise(YEARLY_ID, "AUS", 5, utcDay.toString()); // an Australia-only price from that day
    assertThat(price("pacific-evening")).as("19:00 or 20:00 Pacific: the new price starts tomorrow there").isEqualTo(before);

    OfferPurchasesAcceptanceTest.advance(Duration.ofHours(10).toSeconds()); // 13:00 UTC, 05:00 or 06:00 Pacific on the start day
    assertThat(price("pacific-morning")).as("the start day has come in California").isNotEqualTo(before);
  }

  private static long price(String customer) {
    JsonNode bought = PurchasesAcceptanceTest.buy("{\"bundleId\":\"" + PurchasesAcceptanceTest.LEDGERLY + "\",\"productId\":\""
        + PurchasesAcceptanceTest.YEARLY + "\",\"customer\":\"" + customer + "\",\"offer\":\"NONE\",\"storefront\":\"AUS\"}");
    String payload = bought.path("signedTransaction").asText().split("\\.")[1];
    return PriceIncreasePurchasesAcceptanceTest.readJson(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
        .path("price").asLong();
  }
}
