package dev.braeburn.server.family.reports.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.ModelTuning;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agreement rule of diagnostic signatures (docs/perf-metrics.md): counts add up to sessions × rate. */
class SignaturePlanTest {
  private static final ModelApp APP = new ModelApp("1800000042", "Harbor", "HARBOR", "com.example.harbor", BigDecimal.ZERO, List.of(),
      new ModelTuning(7, LocalDate.of(2023, 3, 1), 4000, Map.of("US", 1.0), BigDecimal.ZERO), null);

  @Test
  void eventsAreSessionsTimesTheRateRoundedHalfEven() {
    assertThat(DiagnosticKind.HANGS.events(20)).isZero(); // 0.5 → 0
    assertThat(DiagnosticKind.HANGS.events(60)).isEqualTo(2); // 1.5 → 2
    assertThat(DiagnosticKind.LAUNCHES.events(12_345)).isEqualTo(62); // 61.725
    assertThat(DiagnosticKind.DISK_WRITES.events(1_250)).isEqualTo(2); // 2.5 → 2
    assertThat(DiagnosticKind.DISK_WRITES.events(0)).isZero();
  }

  @Test
  void countsAddUpToTheEventsAndWeightsToOne() {
    for (long sessions : new long[] {1, 40, 399, 12_345, 1_000_000, 987_654_321}) {
      for (DiagnosticKind kind : DiagnosticKind.values()) {
        List<SignaturePlan.Planned> plan = SignaturePlan.of(APP, "2.1", kind, sessions);
        long events = kind.events(sessions);
        assertThat(plan.stream().mapToLong(SignaturePlan.Planned::count).sum()).as("%s of %d sessions", kind, sessions).isEqualTo(events);
        assertThat(plan).allSatisfy(p -> assertThat(p.count()).isPositive());
        if (events > 0) {
          assertThat(plan.stream().mapToDouble(SignaturePlan.Planned::weight).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
      }
    }
  }

  @Test
  void aVersionsSignaturesAreAlwaysTheSameAndDifferBetweenVersions() {
    assertThat(SignaturePlan.of(APP, "2.1", DiagnosticKind.HANGS, 50_000)).isEqualTo(SignaturePlan.of(APP, "2.1", DiagnosticKind.HANGS, 50_000));
    assertThat(SignaturePlan.of(APP, "2.1", DiagnosticKind.HANGS, 50_000)).isNotEqualTo(SignaturePlan.of(APP, "2.2", DiagnosticKind.HANGS, 50_000));
    assertThat(SignaturePlan.of(APP, "2.1", DiagnosticKind.HANGS, 50_000)).extracting(SignaturePlan.Planned::signature)
        .allMatch(s -> s.startsWith("Harbor: ") || s.startsWith("HarborKit: "));
  }

  @Test
  void versionsSortInReleaseOrder() {
    List<String> versions = new ArrayList<>(List.of("1.10", "1.2.1", "2.0", "1.2", "1.9", "1.3"));
    versions.sort(AppVersions.ORDER);
    assertThat(versions).containsExactly("1.2", "1.2.1", "1.3", "1.9", "1.10", "2.0");
  }
}
