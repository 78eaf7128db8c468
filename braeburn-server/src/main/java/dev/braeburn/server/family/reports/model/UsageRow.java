package dev.braeburn.server.family.reports.model;

/** One audience's counts on one day; {@code counts} is indexed by {@link Measure#ordinal()}. */
public record UsageRow(Audience audience, long[] counts) {
  public long get(Measure measure) {
    return counts[measure.ordinal()];
  }
}
