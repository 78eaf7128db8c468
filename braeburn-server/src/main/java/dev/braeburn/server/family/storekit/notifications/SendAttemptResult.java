package dev.braeburn.server.family.storekit.notifications;

import dev.braeburn.server.family.webhooks.HttpPoster;

/**
 * Apple's {@code sendAttemptResult} values (server-api.md §3.7) and how one POST's outcome maps to
 * them: success is HTTP 200–206 (§4.2); any other status is UNSUCCESSFUL_HTTP_RESPONSE_CODE; a
 * refused or broken connection is NO_RESPONSE, a timeout TIMED_OUT, a TLS failure TLS_ISSUE [INFER
 * for the mapping of each network failure].
 */
enum SendAttemptResult {
  SUCCESS, TIMED_OUT, TLS_ISSUE, CIRCULAR_REDIRECT, NO_RESPONSE, SOCKET_ISSUE, UNSUPPORTED_CHARSET, INVALID_RESPONSE,
  PREMATURE_CLOSE, UNSUCCESSFUL_HTTP_RESPONSE_CODE, OTHER;

  static SendAttemptResult of(HttpPoster.Outcome outcome) {
    if (outcome.status() != null) {
      return outcome.status() >= 200 && outcome.status() <= 206 ? SUCCESS : UNSUCCESSFUL_HTTP_RESPONSE_CODE;
    }
    if (outcome.failure() == null) {
      return OTHER;
    }
    return switch (outcome.failure()) {
      case CONNECT_TIMED_OUT, TIMED_OUT -> TIMED_OUT;
      case TLS -> TLS_ISSUE;
      case CONNECTION -> NO_RESPONSE;
      case NOT_SENT -> OTHER;
    };
  }
}
