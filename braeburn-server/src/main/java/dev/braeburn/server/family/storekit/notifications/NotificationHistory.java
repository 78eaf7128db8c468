package dev.braeburn.server.family.storekit.notifications;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Get Notification History ({@code POST /inApps/v1/notifications/history}, server-api.md §1.3 row
 * 13, §1.4): the app's notifications in the request's environment whose signedDate is in [startDate,
 * endDate), oldest first [INFER], filtered, 20 a page; {@code paginationToken} only when more exist.
 * The token is opaque: the position, the filters it belongs to and when it was issued; another
 * filter set is InvalidPaginationToken and a token older than 24 hours on the server's clock is
 * PaginationTokenExpired [INFER: Apple documents neither rule's details].
 */
final class NotificationHistory {
  static final int PAGE = 20;
  static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
  static final long INVALID_PAGINATION_TOKEN = 4000014;
  static final long PAGINATION_TOKEN_EXPIRED = 4000017;

  private final NotificationContext ctx;
  private final NotificationTypes types;

  NotificationHistory(NotificationContext ctx, NotificationTypes types) {
    this.ctx = ctx;
    this.types = types;
  }

  ApiResponse handle(StoreKitCall call) {
    long now = ctx.nowMillis();
    HistoryRequest request = HistoryRequest.parse(call.body(), call.environment(), now, types);
    int offset = offset(call.queryOne("paginationToken"), request, now);
    ObjectNode body = ctx.services().store().read(call.teamId(), tx -> {
      List<Resource> notifications = ctx.notificationsOf(tx, call.app(), call.environment().wire());
      String original = request.transactionId() == null ? null : originalOf(tx, request.transactionId(), notifications);
      List<Resource> matching = notifications.stream().filter(n -> matches(n, request, original)).toList();
      ObjectNode out = ctx.object();
      boolean more = matching.size() > offset + PAGE;
      if (more) {
        out.put("paginationToken", token(offset + PAGE, request, now));
      }
      out.put("hasMore", more);
      ArrayNode items = out.putArray("notificationHistory");
      matching.stream().skip(offset).limit(PAGE).forEach(n -> items.add(ctx.historyItem(n)));
      return out;
    });
    return ctx.ok(body);
  }

  private static boolean matches(Resource n, HistoryRequest r, String original) {
    var a = n.attributes();
    long signed = a.path("signedDate").asLong();
    if (signed < r.startDate() || signed >= r.endDate()) {
      return false;
    }
    if (r.notificationType() != null && !r.notificationType().equals(a.path("notificationType").asText())) {
      return false;
    }
    if (r.notificationSubtype() != null && !r.notificationSubtype().equals(a.path("subtype").asText(null))) {
      return false;
    }
    if (original != null && !original.equals(a.path("originalTransactionId").asText(null))) {
      return false;
    }
    return !r.onlyFailures() || failed(n);
  }

  /**
   * The transactionId filter covers the notifications of that transaction's subscription or purchase:
   * every transaction sharing its originalTransactionId [INFER]. The transaction's row says which;
   * failing that, a notification that carried the transaction.
   */
  private static String originalOf(StoreTx tx, String transactionId, List<Resource> notifications) {
    return tx.find(NotificationContext.TRANSACTIONS, transactionId)
        .map(t -> t.attributes().path("originalTransactionId").asText(transactionId))
        .or(() -> notifications.stream().filter(n -> transactionId.equals(n.attributes().path("transactionId").asText(null)))
            .map(n -> n.attributes().path("originalTransactionId").asText(transactionId)).findFirst())
        .orElse(transactionId);
  }

  /** Not delivered: attempted at least once and never answered 200–206 (including those still being retried, §1.4). */
  static boolean failed(Resource n) {
    ArrayNode attempts = NotificationContext.attempts(n);
    if (attempts.isEmpty()) {
      return false;
    }
    for (var attempt : attempts) {
      if ("SUCCESS".equals(attempt.path("sendAttemptResult").asText())) {
        return false;
      }
    }
    return true;
  }

  private static String token(int offset, HistoryRequest r, long now) {
    String raw = offset + "\n" + now + "\n" + r.fingerprint();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token, HistoryRequest r, long now) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 3);
    } catch (IllegalArgumentException e) {
      parts = new String[0];
    }
    if (parts.length != 3 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,19}")) {
      throw new StoreKitException(INVALID_PAGINATION_TOKEN, "paginationToken '" + token
          + "' is not one this server issued; send the paginationToken of the previous page unchanged, or none for the first page");
    }
    if (!parts[2].equals(r.fingerprint())) {
      throw new StoreKitException(INVALID_PAGINATION_TOKEN, "this paginationToken was issued for other filters; send the same "
          + "startDate, notificationType, notificationSubtype, transactionId and onlyFailures as the first call (inferred rule)");
    }
    long issued = Long.parseLong(parts[1]);
    if (now - issued > TOKEN_LIFETIME.toMillis()) {
      throw new StoreKitException(PAGINATION_TOKEN_EXPIRED, "this paginationToken was issued at " + issued + ", more than 24 hours "
          + "ago on the server's clock (Braeburn's lifetime, inferred); start again without a token");
    }
    return Integer.parseInt(parts[0]);
  }
}
