package dev.braeburn.server.family.reports.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.family.reports.analytics.InstanceRecipe.Slice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SegmentFilesTest {
  static final LocalDate MONTH = LocalDate.of(2026, 3, 1);

  static ReportRows rows(int rowsPerSegment) {
    List<Slice> slices = new ArrayList<>();
    for (int d = 0; d < 31; d++) {
      slices.add(Slice.day(MONTH.plusDays(d), 1000));
    }
    return new ReportRows(new InstanceRecipe(Days.APP.appId(), "fp1", 7, Granularity.DAILY, LocalDate.of(2026, 4, 2), slices, false,
        rowsPerSegment), Days.APP, null);
  }

  static String gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void measuredChecksumAndSizeAreThoseOfTheBytesServedLater() throws Exception {
    ReportRows rows = rows(1_000_000);
    List<SegmentFiles.Stat> stats = SegmentFiles.measure(rows.header(), l -> rows.write(Days.everyDay(), l), 1_000_000);
    byte[] file = SegmentFiles.render(rows.header(), l -> rows.write(Days.everyDay(), l), 0, 1_000_000);
    assertThat(stats).singleElement().satisfies(s -> {
      assertThat(s.sizeInBytes()).isEqualTo(file.length);
      assertThat(s.checksum()).isEqualTo(md5(file));
    });
    assertThat(file[0]).isEqualTo((byte) 0x1f);
    assertThat(file[1]).isEqualTo((byte) 0x8b);
    String text = gunzip(file);
    assertThat(text).startsWith(String.join("\t", rows.header()) + "\n").endsWith("\n");
    assertThat(SegmentFiles.render(rows.header(), l -> rows.write(Days.everyDay(), l), 0, 1_000_000)).isEqualTo(file);
  }

  @Test
  void largeInstancesAreCutIntoSegmentsThatTogetherHoldEveryRow() throws Exception {
    ReportRows rows = rows(1_000_000);
    List<String> whole = new ArrayList<>();
    rows.forEach(Days.everyDay(), whole::add);
    int perSegment = 40;
    List<SegmentFiles.Stat> stats = SegmentFiles.measure(rows.header(), l -> rows.write(Days.everyDay(), l), perSegment);
    assertThat(stats).hasSize((whole.size() + perSegment - 1) / perSegment).hasSizeGreaterThan(2);
    List<String> joined = new ArrayList<>();
    for (int part = 0; part < stats.size(); part++) {
      byte[] file = SegmentFiles.render(rows.header(), l -> rows.write(Days.everyDay(), l), part, perSegment);
      assertThat(md5(file)).isEqualTo(stats.get(part).checksum());
      assertThat((long) file.length).isEqualTo(stats.get(part).sizeInBytes());
      String[] lines = gunzip(file).split("\n");
      assertThat(lines[0]).isEqualTo(String.join("\t", rows.header()));
      assertThat(lines.length - 1L).isEqualTo(stats.get(part).rows());
      joined.addAll(List.of(lines).subList(1, lines.length));
    }
    assertThat(joined).isEqualTo(whole);
  }

  @Test
  void anInstanceWithoutRowsHasOneSegmentWithTheHeader() throws Exception {
    List<String> header = List.of("Date", "App Name");
    List<SegmentFiles.Stat> stats = SegmentFiles.measure(header, l -> {}, 10);
    assertThat(stats).singleElement().satisfies(s -> assertThat(s.rows()).isZero());
    assertThat(gunzip(SegmentFiles.render(header, l -> {}, 0, 10))).isEqualTo("Date\tApp Name\n");
  }

  static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
