package dev.braeburn.server.family.reports.sales;

import java.time.LocalDate;
import java.util.List;

/** The Pacific days one report covers, first and last inclusive. */
record ReportPeriod(Frequency frequency, LocalDate first, LocalDate last) {
  List<LocalDate> days() {
    return first.datesUntil(last.plusDays(1)).toList();
  }

  ReportPeriod previous() {
    return frequency.containing(first.minusDays(1));
  }
}
