package dev.braeburn.server.family.reports.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.DayTotals;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The Sales and Trends files written from hand-made model days. */
class SalesFilesTest {
  static final LocalDate DAY = LocalDate.of(2026, 3, 5);

  /** Rows of a table as column → value maps, read back from its gzip'd bytes as a client would. */
  static List<Map<String, String>> rows(TsvTable table) throws Exception {
    String text;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(table.gzip()))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(text).endsWith("\n");
    String[] lines = text.split("\n");
    List<String> header = List.of(lines[0].split("\t", -1));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length && !lines[i].startsWith("Total_"); i++) {
      String[] cells = lines[i].split("\t", -1);
      assertThat(cells).hasSameSizeAs(header.toArray());
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < cells.length; c++) {
        row.put(header.get(c), cells[c]);
      }
      rows.add(row);
    }
    return rows;
  }

  static long units(List<Map<String, String>> rows, String appId, String sku) {
    return rows.stream().filter(r -> r.get("Apple Identifier").equals(appId) || r.get("Parent Identifier").equals(sku))
        .mapToLong(r -> Long.parseLong(r.get("Units"))).sum();
  }

  /** The one iPhone (or Mac, for F types) line of an app's own product type in a country. */
  static Map<String, String> find(List<Map<String, String>> rows, String appId, String productType, String country) {
    String device = productType.startsWith("F") ? "Desktop" : productType.endsWith("T") ? "iPad" : "iPhone";
    List<Map<String, String>> found = rows.stream().filter(r -> r.get("Apple Identifier").equals(appId)
        && r.get("Product Type Identifier").equals(productType) && r.get("Country Code").equals(country)
        && r.get("Device").equals(device)).toList();
    assertThat(found).as(appId + " " + productType + " " + country).hasSize(1);
    return found.getFirst();
  }

  @Test
  void theSummaryHasAppleHeaderAndItsUnitsAreTheDayTotals() throws Exception {
    ReportPeriod period = Frequency.DAILY.containing(DAY);
    TsvTable table = new SalesSummaryFile().write(SalesFixtures.vendor(), period, SalesFixtures.days());
    assertThat(table.columns()).hasSize(28).startsWith("Provider", "Provider Country", "SKU").endsWith("Client", "Order Type");
    List<Map<String, String>> rows = rows(table);
    for (Vendor.App app : SalesFixtures.vendor().apps()) {
      AppDay day = SalesFixtures.days().day(app.model(), DAY);
      assertThat(units(rows, app.model().appId(), app.model().sku())).isEqualTo(DayTotals.salesUnits(day));
    }
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("Provider")).isEqualTo("APPLE");
      assertThat(r.get("Begin Date")).isEqualTo("03/05/2026");
      assertThat(r.get("End Date")).isEqualTo("03/05/2026");
    });
  }

  @Test
  void productTypesPricesAndRefundsFollowApple() throws Exception {
    List<Map<String, String>> rows = rows(new SalesSummaryFile().write(SalesFixtures.vendor(), Frequency.DAILY.containing(DAY),
        SalesFixtures.days()));
    Map<String, String> paidIphone = find(rows, "1600000001", "1", "US");
    assertThat(paidIphone).containsEntry("Units", "50").containsEntry("Customer Price", "2.99").containsEntry("Customer Currency", "USD")
        .containsEntry("Device", "iPhone").containsEntry("Supported Platforms", "iOS").containsEntry("Category", "Weather")
        .containsEntry("Developer", "Tidewater Labs").containsEntry("Version", "2.1").containsEntry("Parent Identifier", "");
    assertThat(new java.math.BigDecimal(paidIphone.get("Developer Proceeds"))).isPositive();
    assertThat(find(rows, "1600000001", "1T", "US")).containsEntry("Device", "iPad");
    assertThat(find(rows, "1600000002", "1", "JP")).containsEntry("Customer Price", "0").containsEntry("Developer Proceeds", "0")
        .containsEntry("Customer Currency", "JPY");
    assertThat(find(rows, "1600000001", "3F", "US")).containsEntry("Customer Price", "0");
    assertThat(find(rows, "1600000001", "7F", "US")).containsEntry("Units", "22"); // manual + automatic updates
    assertThat(find(rows, "1600000001", "F7", "US")).containsEntry("Supported Platforms", "macOS");
    List<Map<String, String>> tips = rows.stream().filter(r -> r.get("SKU").equals("com.example.tip") && r.get("Country Code").equals("US")
        && r.get("Parent Identifier").equals("TIDE-1")).toList();
    assertThat(tips).extracting(r -> r.get("Units")).containsExactly("25", "-1");
    assertThat(tips).allSatisfy(r -> assertThat(r).containsEntry("Product Type Identifier", "IA1").containsEntry("Developer Proceeds", "0.69"));
    assertThat(tips.get(1)).containsEntry("Customer Price", "-0.99");
    Map<String, String> renewal = rows.stream().filter(r -> r.get("Subscription").equals("Renewal") && r.get("Parent Identifier").equals("TIDE-1")
        && !r.get("Units").startsWith("-")).findFirst().orElseThrow();
    assertThat(renewal).containsEntry("Product Type Identifier", "IAY").containsEntry("Period", "1 Month")
        .containsEntry("Apple Identifier", "6752100301").containsEntry("Title", "Plus Monthly");
  }

  @Test
  void longerPeriodsSumTheirDays() throws Exception {
    Vendor vendor = SalesFixtures.vendor();
    ReportPeriod week = Frequency.WEEKLY.containing(DAY);
    List<Map<String, String>> weekly = rows(new SalesSummaryFile().write(vendor, week, SalesFixtures.days()));
    long sum = 0;
    for (LocalDate date : week.days()) {
      for (Vendor.App app : vendor.apps()) {
        sum += DayTotals.salesUnits(SalesFixtures.days().day(app.model(), date));
      }
    }
    assertThat(weekly.stream().mapToLong(r -> Long.parseLong(r.get("Units"))).sum()).isEqualTo(sum);
    assertThat(weekly).allSatisfy(r -> assertThat(r).containsEntry("Begin Date", "03/02/2026").containsEntry("End Date", "03/08/2026"));
    // one line per key: a week has no more lines than a day
    assertThat(weekly).hasSameSizeAs(rows(new SalesSummaryFile().write(vendor, Frequency.DAILY.containing(DAY), SalesFixtures.days())));
    assertThat(new SalesSummaryFile().fileName(vendor, week)).isEqualTo("S_W_81234567_20260308.txt.gz");
    assertThat(new SalesSummaryFile().fileName(vendor, Frequency.MONTHLY.containing(DAY))).isEqualTo("S_M_81234567_202603.txt.gz");
  }

  @Test
  void equalDaysGiveEqualBytes() {
    ReportPeriod period = Frequency.DAILY.containing(DAY);
    assertThat(new SalesSummaryFile().write(SalesFixtures.vendor(), period, SalesFixtures.days()).gzip())
        .isEqualTo(new SalesSummaryFile().write(SalesFixtures.vendor(), period, SalesFixtures.days()).gzip());
  }

  @Test
  void subscriptionFilesHaveTheirVersionsHeaders() throws Exception {
    ReportPeriod period = Frequency.DAILY.containing(DAY);
    TsvTable v13 = new SubscriptionFile("1_3").write(SalesFixtures.vendor(), period, SalesFixtures.days());
    TsvTable v14 = new SubscriptionFile("1_4").write(SalesFixtures.vendor(), period, SalesFixtures.days());
    assertThat(v13.columns()).hasSize(32).endsWith("Billing Retry", "Grace Period", "Subscribers");
    assertThat(v14.columns()).hasSize(35).startsWith(v13.columns().toArray(String[]::new))
        .endsWith("Free Trial Win-back Offers", "Pay Up Front Win-back Offers", "Pay As You Go Win-back Offers");
    assertThat(rows(v14)).hasSize(2).first().satisfies(r -> assertThat(r).containsEntry("Subscribers", "48")
        .containsEntry("Active Standard Price Subscriptions", "40").containsEntry("Standard Subscription Duration", "1 Month")
        .containsEntry("Free Trial Win-back Offers", "0").containsEntry("App Apple ID", "1600000001"));

    TsvTable events = new SubscriptionEventFile().write(SalesFixtures.vendor(), period, SalesFixtures.days());
    assertThat(events.columns()).hasSize(29).startsWith("Event Date", "Event").endsWith("Quantity", "Paid Service Days Recovered");
    assertThat(rows(events)).first().satisfies(r -> assertThat(r).containsEntry("Event Date", "2026-03-05")
        .containsEntry("Event", "Subscribe").containsEntry("Quantity", "3"));

    List<Map<String, String>> subscribers = rows(new SubscriberFile().write(SalesFixtures.vendor(), period, SalesFixtures.days()));
    // per app: 3 New + 20 Renewal units, 1 refund
    assertThat(subscribers).hasSize(2 * 24);
    assertThat(subscribers.stream().filter(r -> r.get("Refund").equals("Yes"))).hasSize(2)
        .allSatisfy(r -> assertThat(r.get("Customer Price")).startsWith("-"));
    assertThat(subscribers.stream().map(r -> r.get("Subscriber ID")).distinct()).hasSize(48).allMatch(id -> id.matches("\\d{16}"));
  }
}
