package dev.braeburn.server.family.reports.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportCatalogueTest {
  @Test
  void observedIdPrefixesNameTheObservedReports() {
    assertThat(ReportCatalogue.byNumber(3).orElseThrow().name()).isEqualTo("App Downloads Standard");
    assertThat(ReportCatalogue.byNumber(6).orElseThrow().name()).isEqualTo("App Store Installation and Deletion Standard");
    assertThat(ReportCatalogue.byNumber(8).orElseThrow().name()).isEqualTo("App Sessions Standard");
    assertThat(ReportCatalogue.byNumber(14).orElseThrow().name()).isEqualTo("App Store Discovery and Engagement Standard");
    assertThat(ReportCatalogue.byNumber(189).orElseThrow().name()).isEqualTo("App Opt In");
    assertThat(ReportCatalogue.byNumber(19).orElseThrow().name()).isEqualTo("Streaming Playback Performance");
    assertThat(ReportCatalogue.byNumber(6).orElseThrow().id("abc")).isEqualTo("r6-abc");
  }

  @Test
  void everyCategoryIsTheSpecsAndTheTwelveFileReportsAreThere() {
    assertThat(ReportCatalogue.all()).extracting(ReportCatalogue.Entry::category).allMatch(
        Set.of("APP_USAGE", "APP_STORE_ENGAGEMENT", "COMMERCE", "FRAMEWORK_USAGE", "PERFORMANCE")::contains);
    assertThat(ReportCatalogue.all()).hasSizeGreaterThan(140);
    assertThat(ReportCatalogue.withFiles()).extracting(ReportCatalogue.Entry::number)
        .containsExactlyInAnyOrder(1, 3, 4, 6, 7, 8, 9, 10, 11, 14, 15, 189);
    assertThat(ReportCatalogue.byNumber(1).orElseThrow().objectKey()).isEqualTo("APP_CRASHES");
  }
}
