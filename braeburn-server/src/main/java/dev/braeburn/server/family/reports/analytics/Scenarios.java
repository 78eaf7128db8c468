package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.quirks.TeamQuirks;
import java.time.LocalDate;
import java.util.List;

/**
 * A team's data-quality scenarios: the ways real analytics data is known to misbehave, each off by
 * default so that report totals equal the metrics summary exactly (docs/analytics-reports.md lists
 * the report each one reproduces). Each is a row of the quirks table (braeburn/quirks/quirks.json),
 * switched like every other quirk; this record is the analytics family's view of those rows:
 *
 * <ul>
 *   <li>{@code delayedFirstInstances}: a new ONGOING request's instance list stays empty for days
 *       (AvdLee/appstoreconnect-swift-sdk#275: still nothing two days after the request);
 *   <li>{@code skippedDate}: this Date never appears in any DAILY instance (forum report: a
 *       permanently skipped day);
 *   <li>{@code duplicateDeliveries}: processing on an even epoch day re-delivers the previous DAILY
 *       instance's content unchanged (forum report: two consecutive instances with identical content);
 *   <li>{@code lateRevisions}: a Date's "complete" numbers are corrected once more, {@value
 *       InstancePlans#LATE_REVISION_DAYS} days after its completeness window (Apple: rare corrections
 *       after the threshold);
 *   <li>{@code privacyThreshold}: rows of fewer than 5 people are withheld and Detailed counts get
 *       noise, so reports sum to less than the dashboard (Apple's privacy measures);
 *   <li>{@code emptyInstances}: instances keep coming, but their files hold only the header line
 *       (forum reports of instances that stay empty; Apple: some reports have no data until the
 *       app passes a volume threshold).
 * </ul>
 *
 * {@code inactivityDays} is not a misbehaviour but the team's setting of Apple's unpublished
 * inactivity period ({@link Activity}): 90 by default, 0 never stops a request.
 */
record Scenarios(
    boolean delayedFirstInstances, LocalDate skippedDate, boolean duplicateDeliveries, boolean lateRevisions, boolean privacyThreshold,
    int inactivityDays, boolean emptyInstances) {
  static final List<String> FIELDS = List.of(
      "delayedFirstInstances", "skippedDate", "duplicateDeliveries", "lateRevisions", "privacyThreshold", "inactivityDays", "emptyInstances");
  static final Scenarios NONE = new Scenarios(false, null, false, false, false, Activity.DEFAULT_INACTIVITY_DAYS, false);

  /** The scenarios from the team's quirk switches: one mechanism for every misbehaviour Braeburn reproduces. */
  static Scenarios from(TeamQuirks quirks) {
    String skipped = quirks.on("skippedDate") ? quirks.param("skippedDate", "date").asText(null) : null;
    return new Scenarios(quirks.on("delayedFirstInstances"), skipped == null ? null : LocalDate.parse(skipped),
        quirks.on("duplicateDeliveries"), quirks.on("lateRevisions"), quirks.on("privacyThreshold"),
        quirks.on("inactivityDays") ? quirks.param("inactivityDays", "days").asInt() : Activity.DEFAULT_INACTIVITY_DAYS,
        quirks.on("emptyInstances"));
  }

  ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("delayedFirstInstances", delayedFirstInstances);
    out.put("skippedDate", skippedDate == null ? null : skippedDate.toString());
    out.put("duplicateDeliveries", duplicateDeliveries);
    out.put("lateRevisions", lateRevisions);
    out.put("privacyThreshold", privacyThreshold);
    out.put("inactivityDays", inactivityDays);
    out.put("emptyInstances", emptyInstances);
    return out;
  }
}
