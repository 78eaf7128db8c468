package dev.braeburn.server.snapshot;

/** What a saved or loaded snapshot held: its scope ({@code server}, or {@code team} with its issuer ID) and row counts. */
public record SnapshotSummary(String scope, String issuerId, long teams, long keys, long resources, long links, long tasks) {
  /** "2 teams, 3 keys, 1200 resources, 340 links, 4 scheduled tasks": for people. */
  public String counts() {
    return teams + (teams == 1 ? " team, " : " teams, ") + keys + (keys == 1 ? " key, " : " keys, ") + resources
        + (resources == 1 ? " resource, " : " resources, ") + links + (links == 1 ? " link, " : " links, ") + tasks
        + (tasks == 1 ? " scheduled task" : " scheduled tasks");
  }
}
