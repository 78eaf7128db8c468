package dev.braeburn.server.family.commerce.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceLadderTest {
  @Test
  void theLadderRunsFromFreeTo9999WithApplesSteps() {
    assertThat(PriceLadder.size()).isEqualTo(529);
    assertThat(PriceLadder.usd(0)).isEqualByComparingTo("0");
    assertThat(PriceLadder.usd(1)).isEqualByComparingTo("0.29");
    assertThat(PriceLadder.usd(PriceLadder.indexOfUsd(new BigDecimal("10.49")) - 1)).isEqualByComparingTo("9.99");
    assertThat(PriceLadder.usd(PriceLadder.size() - 1)).isEqualByComparingTo("9999.99");
    assertThat(PriceLadder.number(8)).isEqualTo("10008");
    assertThat(PriceLadder.usd(PriceLadder.index("10008"))).isEqualByComparingTo("0.99");
    assertThat(PriceLadder.index("99999")).isEqualTo(-1);
  }

  @Test
  void pricePointIdsAreApplesBase64UrlJson() {
    PricePointId id = PricePointId.of("6470878936", "USA", 1);
    assertThat(id.encode()).isEqualTo("eyJzIjoiNjQ3MDg3ODkzNiIsInQiOiJVU0EiLCJwIjoiMTAwMDEifQ"); // protocol.md's example
    assertThat(PricePointId.decode(id.encode())).isEqualTo(id);
    assertThat(PricePointId.decode("not-an-id")).isNull();
    assertThat(PricePointId.of("1", "XXX", 1).encode()).satisfies(bad -> assertThat(PricePointId.decode(bad)).isNull());
  }

  @Test
  void theLatestStartedPriceApplies() {
    List<ScheduledPrice> prices = List.of(new ScheduledPrice(null, null, LocalDate.of(2026, 3, 2), 17),
        new ScheduledPrice(null, LocalDate.of(2026, 3, 2), null, 47), new ScheduledPrice("JP", null, null, 8));
    assertThat(StorePrices.current(prices, null, LocalDate.of(2026, 3, 1)).index()).isEqualTo(17);
    assertThat(StorePrices.current(prices, null, LocalDate.of(2026, 3, 2)).index()).isEqualTo(47);
    assertThat(StorePrices.current(prices, "JP", LocalDate.of(2026, 3, 2)).index()).isEqualTo(8);
    assertThat(StorePrices.current(prices, "DE", LocalDate.of(2026, 3, 2))).isNull();
  }
}
