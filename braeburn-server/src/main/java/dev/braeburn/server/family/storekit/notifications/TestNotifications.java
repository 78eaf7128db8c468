package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.storekit.ServerNotifications;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request a Test Notification and Get Test Notification Status (server-api.md §1.3 rows 14–15,
 * §1.4): a TEST notification to the app's URL for the request's environment, whose
 * {@code data} is {@code {bundleId, environment, appAppleId}} (Apple's fixture; real sandbox
 * traffic lacks appAppleId), and its token {@code <notificationUUID>_<epochMillis>} (observed format).
 */
final class TestNotifications {
  static final long SERVER_NOTIFICATION_URL_NOT_FOUND = 4040007;
  static final long TEST_NOTIFICATION_NOT_FOUND = 4040008;
  static final long INVALID_TEST_NOTIFICATION_TOKEN = 4000020;
  private static final Pattern TOKEN = Pattern.compile("([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})_[0-9]{1,19}");

  private final NotificationContext ctx;
  private final NotificationRecorder recorder;

  TestNotifications(NotificationContext ctx, NotificationRecorder recorder) {
    this.ctx = ctx;
    this.recorder = recorder;
  }

  ApiResponse request(StoreKitCall call) {
    if (DeliveryUrl.of(call.app(), call.environment()).isEmpty()) {
      throw new StoreKitException(SERVER_NOTIFICATION_URL_NOT_FOUND, DeliveryUrl.missing(call.app(), call.environment()));
    }
    String uuid = UUID.randomUUID().toString();
    String token = uuid + "_" + ctx.nowMillis();
    ctx.services().store().write(call.teamId(), tx -> recorder.record(tx,
        new ServerNotifications.Notification(call.app(), call.environment(), "TEST", null, null, null, null, null), uuid, token));
    return ctx.ok(ctx.object().put("testNotificationToken", token));
  }

  ApiResponse status(StoreKitCall call) {
    String token = call.param("testNotificationToken");
    var m = TOKEN.matcher(token == null ? "" : token);
    if (!m.matches()) {
      throw new StoreKitException(INVALID_TEST_NOTIFICATION_TOKEN, "'" + token + "' is not a test notification token; "
          + "Request a Test Notification answers one of the form <uuid>_<epochMillis>");
    }
    Resource n = ctx.services().store().read(call.teamId(), tx -> tx.find(NotificationContext.TYPE, m.group(1).toLowerCase()))
        .filter(r -> token.equals(r.attributes().path("testNotificationToken").asText()))
        .filter(r -> call.app().id().equals(r.attributes().path("appId").asText()))
        .filter(r -> call.environment().wire().equals(r.attributes().path("environment").asText()))
        .orElseThrow(() -> new StoreKitException(TEST_NOTIFICATION_NOT_FOUND, "no test notification " + token + " was requested for "
            + call.app().attributes().path("bundleId").asText() + " in " + call.environment().wire()));
    ArrayNode attempts = NotificationContext.attempts(n);
    if (attempts.isEmpty()) {
      throw new StoreKitException(TEST_NOTIFICATION_NOT_FOUND, "test notification " + token + " has not been sent yet; "
          + "it goes out when the server's scheduler runs it (POST /_braeburn/clock/advance {\"seconds\":0} runs it now)");
    }
    ObjectNode out = ctx.historyItem(n);
    out.put("firstSendAttemptResult", attempts.get(0).path("sendAttemptResult").asText()); // deprecated by Apple, still sent
    return ctx.ok(out);
  }
}
