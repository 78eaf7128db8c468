package dev.braeburn.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {
  @Test
  void theAxisTakesTheSmallestRoundStepThatReachesTheTopInFiveSteps() {
    assertThat(axis("401", SvgChart.Unit.COUNT)).isEqualTo("100 × 5");
    assertThat(axis("400", SvgChart.Unit.COUNT)).isEqualTo("100 × 4");
    assertThat(axis("1442370", SvgChart.Unit.COUNT)).isEqualTo("500000 × 3");
    assertThat(axis("61234", SvgChart.Unit.COUNT)).isEqualTo("20000 × 4");
    assertThat(axis("3", SvgChart.Unit.COUNT)).isEqualTo("1 × 3");
    assertThat(axis("0", SvgChart.Unit.COUNT)).isEqualTo("1 × 1");
    assertThat(axis("0.37", SvgChart.Unit.USD)).isEqualTo("0.1 × 4");
    assertThat(axis("1234.56", SvgChart.Unit.USD)).isEqualTo("250 × 5");
  }

  @Test
  void valuesReadWithThousandsSeparators() {
    assertThat(SvgChart.Unit.COUNT.format(new BigDecimal("1234567"))).isEqualTo("1,234,567");
    assertThat(SvgChart.Unit.USD.format(new BigDecimal("31334.28"))).isEqualTo("$31,334.28");
    assertThat(SvgChart.Unit.USD.tick(new BigDecimal("1500"), new BigDecimal("500"))).isEqualTo("$1,500");
  }

  @Test
  void everyDayIsABarWithItsTooltipAndTheCallersMarkers() {
    String svg = SvgChart.daily(List.of(new SvgChart.Point(LocalDate.of(2026, 3, 1), new BigDecimal("1200")),
        new SvgChart.Point(LocalDate.of(2026, 3, 2), new BigDecimal("800"))), SvgChart.Unit.COUNT, true, "#4e79a7",
        "class=\"chart\" data-measure=\"x\"");
    assertThat(svg).startsWith("<svg class=\"chart\" data-measure=\"x\"").endsWith("</svg>")
        .contains("<title>2026-03-01: 1,200</title>", "<title>2026-03-02: 800</title>", ">Mar 1<", ">1,250<"); // the top tick: 250 × 5
  }

  @Test
  void labelsAreEscaped() {
    String svg = SvgChart.horizontal(List.of(new SvgChart.Bar("<b>", BigDecimal.TEN)), SvgChart.Unit.COUNT, "#000", "class=\"chart\"");
    assertThat(svg).contains("&lt;b&gt;").doesNotContain("<b>");
  }

  private static String axis(String max, SvgChart.Unit unit) {
    SvgChart.Axis axis = SvgChart.Axis.of(new BigDecimal(max), unit);
    return axis.step().toPlainString() + " × " + axis.top().divide(axis.step()).intValueExact();
  }
}
