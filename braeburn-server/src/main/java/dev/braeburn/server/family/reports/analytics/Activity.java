package dev.braeburn.server.family.reports.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Store;
import java.time.Duration;
import java.time.Instant;

/**
 * When a request's data was last retrieved, for {@code stoppedDueToInactivity}: Apple stops a
 * request whose data is not retrieved "for a long time" and publishes no period
 * (reports-webhooks.md §1.6); Braeburn stops an ONGOING request after {@value #DEFAULT_INACTIVITY_DAYS}
 * days of server time (a team may choose another period, {@link Scenarios#inactivityDays()}) without
 * a read of one of its instances or segments or a download of one of its files.
 */
final class Activity {
  static final int DEFAULT_INACTIVITY_DAYS = 90;
  static final String LAST_READ = "lastReadAt";
  /** Reads closer together than this are not written again: a read stays a cheap read. */
  private static final Duration RESOLUTION = Duration.ofHours(1);

  private Activity() {}

  /** Whether nobody read the request's data for {@code days} days (0: never inactive). */
  static boolean inactive(Resource request, Instant now, int days) {
    String last = request.attributes().path(LAST_READ).asText("");
    return days > 0 && !last.isEmpty() && Instant.parse(last).plus(Duration.ofDays(days)).isBefore(now);
  }

  /** Records a read of the request's data at {@code now}. */
  static void touch(Store store, String teamId, String requestId, Instant now) {
    if (requestId == null || requestId.isEmpty()) {
      return;
    }
    boolean stale = store.read(teamId, tx -> tx.find(AnalyticsTypes.REQUESTS, requestId)
        .map(r -> due(r, now)).orElse(false));
    if (stale) {
      store.write(teamId, tx -> {
        tx.find(AnalyticsTypes.REQUESTS, requestId).filter(r -> due(r, now)).ifPresent(r -> {
          ObjectNode attributes = r.attributes().deepCopy().put(LAST_READ, now.toString());
          tx.updateAttributes(r, attributes);
        });
        return null;
      });
    }
  }

  private static boolean due(Resource request, Instant now) {
    String last = request.attributes().path(LAST_READ).asText("");
    return last.isEmpty() || Instant.parse(last).plus(RESOLUTION).isBefore(now);
  }
}
