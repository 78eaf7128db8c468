package dev.braeburn.server.family.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.jsonapi.ApiException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreOrdersTest {
  private static final LocalDate LAUNCH = LocalDate.of(2026, 10, 1);
  private static final LocalDate START = LAUNCH.minusDays(30);
  private static final ModelApp APP = ModelApps.app(
      ModelApps.tuning(7, LAUNCH, 2000, Map.of("US", 0.6, "DE", 0.3, "JP", 0.1)).withPreOrderStart(START));

  @Test
  void onlyDaysFromTheStartToTheDayBeforeLaunchHaveOrders() {
    assertThat(PreOrders.rows(APP, START.minusDays(1))).isEmpty();
    assertThat(PreOrders.rows(APP, START)).isNotEmpty();
    assertThat(PreOrders.rows(APP, LAUNCH.minusDays(1))).isNotEmpty();
    assertThat(PreOrders.rows(APP, LAUNCH)).isEmpty();
    assertThat(PreOrders.rows(APP, LAUNCH.plusDays(40))).isEmpty();
    ModelApp none = ModelApps.app(ModelApps.tuning(7, LAUNCH, 2000, Map.of("US", 1.0)));
    assertThat(PreOrders.rows(none, START.plusDays(3))).isEmpty();
  }

  @Test
  void equalInputsGiveEqualRowsAndOtherSeedsOtherRows() {
    LocalDate day = START.plusDays(12);
    assertThat(PreOrders.rows(APP, day)).isEqualTo(PreOrders.rows(APP, day)).isNotEmpty();
    List<PreOrderRow> fresh = PreOrders.rows(APP, day);
    PreOrders.rows(APP, day.minusDays(5));
    assertThat(PreOrders.rows(APP, day)).isEqualTo(fresh);
    ModelApp other = ModelApps.app(
        ModelApps.tuning(8, LAUNCH, 2000, Map.of("US", 0.6, "DE", 0.3, "JP", 0.1)).withPreOrderStart(START));
    assertThat(PreOrders.rows(other, day)).isNotEqualTo(PreOrders.rows(APP, day));
  }

  @Test
  void runningTotalsAddUpTheDaysAndOrdersGrowTowardLaunch() {
    Map<String, long[]> sums = new HashMap<>();
    long firstWeek = 0;
    long lastWeek = 0;
    for (LocalDate d = START; d.isBefore(LAUNCH); d = d.plusDays(1)) {
      List<PreOrderRow> rows = PreOrders.rows(APP, d);
      assertThat(rows).extracting(PreOrderRow::device).containsOnly("iPhone", "iPad");
      for (PreOrderRow r : rows) {
        assertThat(r.canceled()).isBetween(0L, r.ordered());
        long[] s = sums.computeIfAbsent(r.territory() + "/" + r.device(), k -> new long[2]);
        s[0] += r.ordered();
        s[1] += r.canceled();
        assertThat(r.cumulativeOrdered()).isEqualTo(s[0]);
        assertThat(r.cumulativeCanceled()).isEqualTo(s[1]);
        firstWeek += d.isBefore(START.plusDays(7)) ? r.ordered() : 0;
        lastWeek += d.isAfter(LAUNCH.minusDays(8)) ? r.ordered() : 0;
      }
    }
    long ordered = sums.values().stream().mapToLong(s -> s[0]).sum();
    long canceled = sums.values().stream().mapToLong(s -> s[1]).sum();
    assertThat(lastWeek).isGreaterThan(3 * firstWeek);
    assertThat((double) canceled / ordered).isBetween(0.01, 0.06);
    assertThat(sums.get("US/iPhone")[0]).isGreaterThan(sums.get("JP/iPhone")[0] * 3);
  }

  @Test
  void theStartMustLieWithin180DaysBeforeLaunch() {
    ObjectNode json = TuningJson.write(Tunings.defaults("1"));
    LocalDate launch = TuningJson.read(json).launchDate();
    json.put("preOrderStart", launch.minusDays(180).toString());
    assertThat(TuningJson.read(json).preOrderStart()).isEqualTo(launch.minusDays(180));
    assertThat(TuningJson.read(TuningJson.write(TuningJson.read(json)))).isEqualTo(TuningJson.read(json));
    for (LocalDate wrong : List.of(launch, launch.plusDays(1), launch.minusDays(181))) {
      json.put("preOrderStart", wrong.toString());
      assertThatThrownBy(() -> TuningJson.read(json)).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors().getFirst().sourcePointer()).isEqualTo("/preOrderStart");
      });
    }
    assertThat(TuningJson.write(Tunings.defaults("1")).has("preOrderStart")).isFalse();
  }
}
