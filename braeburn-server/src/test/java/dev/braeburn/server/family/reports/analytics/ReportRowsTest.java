package dev.braeburn.server.family.reports.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.family.reports.analytics.InstanceRecipe.Slice;
import dev.braeburn.server.family.reports.model.Measure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRowsTest {
  static final LocalDate DAY = LocalDate.of(2026, 3, 10);

  static InstanceRecipe recipe(int report, Granularity granularity, List<Slice> slices, boolean privacy) {
    return new InstanceRecipe(Days.APP.appId(), Days.APP.fingerprint(), report, granularity, DAY.plusDays(6), slices, privacy, 1000);
  }

  static List<String> lines(InstanceRecipe recipe) {
    List<String> out = new ArrayList<>();
    new ReportRows(recipe, Days.APP, null).forEach(Days.everyDay(), out::add);
    return out;
  }

  @Test
  void headersFollowApplesColumnsPerLevel() {
    assertThat(new ReportRows(recipe(6, Granularity.DAILY, List.of(), false), Days.APP, null).header()).containsExactly(
        "Date", "App Name", "App Apple Identifier", "Event", "Download Type", "App Version", "Device", "Platform Version",
        "Source Type", "Page Type", "App Download Date", "Territory", "Counts", "Unique Devices");
    assertThat(new ReportRows(recipe(7, Granularity.DAILY, List.of(), false), Days.APP, null).header()).containsExactly(
        "Date", "App Name", "App Apple Identifier", "Event", "Download Type", "App Version", "Device", "Platform Version",
        "Source Type", "Source Info", "Campaign", "Page Type", "Page Title", "App Download Date", "Territory", "Counts", "Unique Devices");
    assertThat(new ReportRows(recipe(189, Granularity.DAILY, List.of(), false), Days.APP, null).header()).containsExactly(
        "Date", "App Name", "App Apple Identifier", "Downloading Users", "Users Opting-In");
    assertThat(new ReportRows(recipe(10, Granularity.DAILY, List.of(), false), Days.APP, null).header())
        .contains("Purchase Type", "Proceeds in USD", "Sales in USD", "Paying Users").doesNotContain("Source Info");
  }

  @Test
  void standardAggregatesAwaySourceInfoAndDetailedKeepsIt() {
    List<String> standard = lines(recipe(3, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), false));
    List<String> detailed = lines(recipe(4, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), false));
    long firstTime = 10L * (Measure.FIRST_TIME_DOWNLOADS.ordinal() + 1) + 11L * (Measure.FIRST_TIME_DOWNLOADS.ordinal() + 1);
    assertThat(standard).filteredOn(l -> l.contains("First-time download") && l.contains("\tUS\t")).singleElement()
        .satisfies(l -> assertThat(l).isEqualTo("2026-03-10\tTideline: Tides & Surf\t1600000001\tFirst-time download\t2.3\tiPhone"
            + "\tiOS 26.1\tWeb referrer\tProduct page\t\tUS\t" + firstTime));
    assertThat(detailed).filteredOn(l -> l.contains("First-time download") && l.contains("\tUS\t")).hasSize(2);
    assertThat(total(standard, 1)).isEqualTo(total(detailed, 1));
  }

  @Test
  void everyDownloadTypeAndTheInstallationTotalsComeFromTheModel() {
    List<String> rows = lines(recipe(6, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), false));
    long installs = rows.stream().filter(l -> l.split("\t")[3].equals("Install")).mapToLong(l -> Long.parseLong(l.split("\t")[12])).sum();
    long expected = 0;
    for (long base : new long[] {10, 11, 2}) {
      for (Measure m : List.of(Measure.FIRST_TIME_DOWNLOADS, Measure.REDOWNLOADS, Measure.MANUAL_UPDATES, Measure.RESTORES)) {
        expected += base * (m.ordinal() + 1);
      }
    }
    assertThat(installs).isEqualTo(expected + Days.SMALL);
    assertThat(rows).anyMatch(l -> l.contains("\tDelete\t\t")); // deletions carry no Download Type
  }

  @Test
  void aPartialDayShowsItsShareAndWeeksSumTheirDays() {
    List<String> complete = lines(recipe(189, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), false));
    List<String> partial = lines(recipe(189, Granularity.DAILY, List.of(Slice.day(DAY, 700)), false));
    long downloading = (10 + 11 + 2) * (Measure.FIRST_TIME_DOWNLOADS.ordinal() + 1L) + Days.SMALL;
    assertThat(complete).containsExactly("2026-03-10\tTideline: Tides & Surf\t1600000001\t" + downloading + "\t" + (10 + 11 + 2) * (Measure.OPT_INS.ordinal() + 1L));
    assertThat(Long.parseLong(partial.getFirst().split("\t")[3])).isEqualTo(downloading * 700 / 1000);

    LocalDate monday = LocalDate.of(2026, 3, 9);
    List<String> week = lines(recipe(189, Granularity.WEEKLY, List.of(new Slice(monday, monday, monday.plusDays(6), 1000)), false));
    long sum = 0;
    for (int d = 9; d <= 15; d++) {
      sum += (d + d + 1 + 2) * (Measure.FIRST_TIME_DOWNLOADS.ordinal() + 1L) + Days.SMALL;
    }
    String expected = "\t" + sum + "\t";
    assertThat(week).singleElement().satisfies(l -> assertThat(l).startsWith("2026-03-09\t").contains(expected));
  }

  @Test
  void thePrivacyThresholdWithholdsSmallRowsAndNoisesDetailedCounts() {
    List<String> plain = lines(recipe(7, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), false));
    List<String> privateStandard = lines(recipe(6, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), true));
    List<String> privateDetailed = lines(recipe(7, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), true));
    assertThat(plain).anyMatch(l -> Long.parseLong(l.split("\t")[16]) < ReportRows.PRIVACY_THRESHOLD);
    assertThat(privateStandard).isNotEmpty().noneMatch(l -> Long.parseLong(l.split("\t")[13]) < ReportRows.PRIVACY_THRESHOLD);
    assertThat(privateDetailed).hasSizeLessThan(plain.size());
    java.util.Map<String, String> plainCounts = new java.util.HashMap<>();
    plain.forEach(l -> plainCounts.put(l.substring(0, l.lastIndexOf('\t', l.lastIndexOf('\t') - 1)), l));
    assertThat(privateDetailed).allMatch(l -> plainCounts.containsKey(l.substring(0, l.lastIndexOf('\t', l.lastIndexOf('\t') - 1))));
    assertThat(privateDetailed).anyMatch(l -> !plain.contains(l)); // noise moved some counts
    assertThat(lines(recipe(7, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), true))).isEqualTo(privateDetailed); // deterministic
  }

  @Test
  void cachedDaysGiveTheSameLinesAsFreshOnes() {
    RowCache cache = new RowCache();
    LocalDate monday = LocalDate.of(2026, 3, 9);
    for (InstanceRecipe recipe : List.of(
        recipe(7, Granularity.DAILY, List.of(Slice.day(DAY, 800), Slice.day(DAY.plusDays(1), 1000)), false),
        recipe(7, Granularity.WEEKLY, List.of(new Slice(monday, monday, monday.plusDays(6), 1000)), false),
        recipe(14, Granularity.DAILY, List.of(Slice.day(DAY, 1000)), true))) {
      List<String> fresh = lines(recipe);
      for (int pass = 0; pass < 2; pass++) {
        List<String> cached = new ArrayList<>();
        new ReportRows(recipe, Days.APP, cache).forEach(Days.everyDay(), cached::add);
        assertThat(cached).isEqualTo(fresh);
      }
    }
  }

  private static long total(List<String> lines, int fromEnd) {
    return lines.stream().mapToLong(l -> {
      String[] cells = l.split("\t");
      return Long.parseLong(cells[cells.length - fromEnd]);
    }).sum();
  }
}
