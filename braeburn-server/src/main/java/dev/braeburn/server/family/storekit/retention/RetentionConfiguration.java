package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.storekit.StoreEnvironment;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configure/Get/Delete Default Message ({@code /messaging/default/{productId}/{locale}}, body
 * {@code {messageIdentifier}}) and Configure/Get/Delete Realtime URL ({@code {realtimeURL}})
 * (server-api.md §1.7). A default names an APPROVED message (4030017); the realtime URL is where the
 * App Store asks your server for a retention message, and where the performance test sends.
 */
final class RetentionConfiguration {
  static final long INVALID_LOCALE = 4000164;
  static final long BAD_REALTIME_URL = 4000215;
  static final long MESSAGE_NOT_APPROVED = 4030017;
  static final long NO_PASSING_TEST = 4030026;
  static final long DEFAULT_NOT_FOUND = 4040020;
  static final long REALTIME_URL_NOT_FOUND = 4040021;
  /** language[-Script][-REGION], as {@code userLocale} "en-US" [INFER: Apple names no grammar]. */
  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?");
  private static final String REALTIME_ID = "url";

  private final Store store;
  private final ObjectMapper mapper;
  private final RetentionRules rules;

  RetentionConfiguration(Store store, ObjectMapper mapper, RetentionRules rules) {
    this.store = store;
    this.mapper = mapper;
    this.rules = rules;
  }

  ApiResponse configureDefault(StoreKitCall call) {
    String key = defaultKey(call);
    JsonNode body = call.body();
    String messageId = body.path("messageIdentifier").asText("");
    RetentionMessages.check(RetentionScope.isUuid(messageId), StoreKitErrors.GENERAL_BAD_REQUEST,
        "messageIdentifier must be the UUID of an uploaded message; got '" + messageId + "'");
    RetentionScope scope = RetentionScope.of(call);
    store.write(call.teamId(), tx -> {
      String id = messageId.toLowerCase(Locale.ROOT);
      Resource message = tx.find(RetentionScope.MESSAGES, scope.id(id)).orElseThrow(() -> new StoreKitException(RetentionMessages.MESSAGE_NOT_FOUND,
          "this app has no message " + id + " in " + scope.environment().wire()));
      String state = message.attributes().path("messageState").asText();
      RetentionMessages.check(RetentionReview.APPROVED.equals(state), MESSAGE_NOT_APPROVED,
          "message " + id + " is " + state + "; only an APPROVED message can be a default");
      ObjectNode row = scope.tag(mapper.createObjectNode().put("productId", call.param("productId")).put("locale", call.param("locale"))
          .put("messageIdentifier", id));
      upsert(tx, RetentionScope.DEFAULTS, scope.id(key), row);
      return null;
    });
    return RetentionScope.ok();
  }

  ApiResponse getDefault(StoreKitCall call) {
    String key = defaultKey(call);
    RetentionScope scope = RetentionScope.of(call);
    Resource row = store.read(call.teamId(), tx -> tx.find(RetentionScope.DEFAULTS, scope.id(key)))
        .orElseThrow(() -> noDefault(call));
    return RetentionScope.json(mapper, mapper.createObjectNode().put("messageIdentifier", row.attributes().path("messageIdentifier").asText()));
  }

  ApiResponse deleteDefault(StoreKitCall call) {
    String key = defaultKey(call);
    RetentionScope scope = RetentionScope.of(call);
    store.write(call.teamId(), tx -> {
      if (!tx.delete(RetentionScope.DEFAULTS, scope.id(key))) {
        throw noDefault(call);
      }
      return null;
    });
    return RetentionScope.ok();
  }

  ApiResponse configureRealtimeUrl(StoreKitCall call) {
    JsonNode value = call.body().get("realtimeURL");
    String url = value != null && value.isTextual() ? value.asText() : null;
    RetentionMessages.check(url != null, BAD_REALTIME_URL, "realtimeURL is required and must be a string");
    RetentionMessages.check(url.length() <= rules.realtimeUrlMaxLength(), BAD_REALTIME_URL,
        "realtimeURL is " + url.length() + " characters; at most " + rules.realtimeUrlMaxLength());
    String problem = problemOf(url);
    RetentionMessages.check(problem == null, BAD_REALTIME_URL, "realtimeURL '" + url + "' " + problem);
    RetentionScope scope = RetentionScope.of(call);
    store.write(call.teamId(), tx -> {
      requirePassingTest(tx, scope);
      upsert(tx, RetentionScope.REALTIME_URLS, scope.id(REALTIME_ID), scope.tag(mapper.createObjectNode().put("realtimeURL", url)));
      return null;
    });
    return RetentionScope.ok();
  }

  /**
   * ForbiddenNoPassingTestError: "passing a performance test is required before you can set a URL for
   * the production environment" (Apple's APIError, server-api.md §2.4). A production URL can't be
   * tested before it is set, so the passing test is one run in the sandbox, against any URL
   * [INFER: Apple says neither which environment's test counts nor whether its target must match].
   */
  private static void requirePassingTest(dev.braeburn.server.store.StoreTx tx, RetentionScope scope) {
    if (scope.environment() != StoreEnvironment.PRODUCTION) {
      return;
    }
    RetentionScope sandbox = new RetentionScope(scope.appId(), StoreEnvironment.SANDBOX);
    boolean passed = sandbox.list(tx, RetentionScope.PERFORMANCE_TESTS).stream()
        .anyMatch(r -> "PASS".equals(r.attributes().path("result").asText()));
    RetentionMessages.check(passed, NO_PASSING_TEST, "a production realtime URL needs a passing performance test first, and app "
        + scope.appId() + " has none in Sandbox: configure the URL in Sandbox, run POST /inApps/v1/messaging/performanceTest there "
        + "and wait for result PASS (Braeburn's rule that the sandbox test counts is inferred)");
  }

  ApiResponse getRealtimeUrl(StoreKitCall call) {
    String url = realtimeUrl(call.teamId(), RetentionScope.of(call)).orElseThrow(() -> noRealtimeUrl(RetentionScope.of(call)));
    return RetentionScope.json(mapper, mapper.createObjectNode().put("realtimeURL", url));
  }

  ApiResponse deleteRealtimeUrl(StoreKitCall call) {
    RetentionScope scope = RetentionScope.of(call);
    store.write(call.teamId(), tx -> {
      if (!tx.delete(RetentionScope.REALTIME_URLS, scope.id(REALTIME_ID))) {
        throw noRealtimeUrl(scope);
      }
      return null;
    });
    return RetentionScope.ok();
  }

  Optional<String> realtimeUrl(String team, RetentionScope scope) {
    return store.read(team, tx -> tx.find(RetentionScope.REALTIME_URLS, scope.id(REALTIME_ID)))
        .map(r -> r.attributes().path("realtimeURL").asText());
  }

  static StoreKitException noRealtimeUrl(RetentionScope scope) {
    return new StoreKitException(REALTIME_URL_NOT_FOUND, "this app has no realtime URL in " + scope.environment().wire()
        + "; configure one with PUT /inApps/v1/messaging/realtime/url {\"realtimeURL\"}");
  }

  /**
   * Why a realtime URL can't be used, or null: Apple calls an https URL; Braeburn also allows plain
   * http to a loopback host, as for webhooks, so a test can listen locally [INFER].
   */
  private static String problemOf(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a URL: " + e.getReason();
    }
    String host = uri.getHost();
    if (!uri.isAbsolute() || host == null) {
      return "is not an absolute URL with a host";
    }
    if ("https".equalsIgnoreCase(uri.getScheme())) {
      return null;
    }
    boolean loopback = host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]");
    return "http".equalsIgnoreCase(uri.getScheme()) && loopback ? null : "must use https (plain http only to a loopback host)";
  }

  private String defaultKey(StoreKitCall call) {
    String locale = call.param("locale");
    RetentionMessages.check(LOCALE.matcher(locale).matches(), INVALID_LOCALE,
        "locale must be a language tag such as en-US (language[-Script][-REGION]); got '" + locale + "'");
    return call.param("productId") + "/" + locale;
  }

  private static StoreKitException noDefault(StoreKitCall call) {
    return new StoreKitException(DEFAULT_NOT_FOUND, "no default message is configured for product " + call.param("productId")
        + " and locale " + call.param("locale") + " in " + call.environment().wire());
  }

  private static void upsert(dev.braeburn.server.store.StoreTx tx, String type, String id, ObjectNode row) {
    tx.find(type, id).ifPresentOrElse(r -> tx.updateAttributes(r, row), () -> tx.insert(type, id, row));
  }
}
