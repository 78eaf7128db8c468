package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.storekit.StoreEnvironment;
import dev.braeburn.server.storekit.StoreKitCall;
import dev.braeburn.server.storekit.StoreKitErrors;
import dev.braeburn.server.storekit.StoreKitException;
import dev.braeburn.server.store.Condition;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.ValueKind;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.http.ApiResponse;

/**
 * One app's Retention Messaging configuration in one environment: Apple keeps the sandbox's and
 * production's apart as it keeps their hosts apart [INFER]. Rows of the hidden {@code _skRetention…}
 * types carry {@code appId} and {@code environment}; their id is {@code appId/environment/identifier}.
 */
record RetentionScope(String appId, StoreEnvironment environment) {
  static final String IMAGES = "_skRetentionImages";
  static final String MESSAGES = "_skRetentionMessages";
  static final String DEFAULTS = "_skRetentionDefaultMessages";
  static final String REALTIME_URLS = "_skRetentionRealtimeUrls";
  static final String PERFORMANCE_TESTS = "_skRetentionPerformanceTests";
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** Far above any per-app maximum (2000), so one page is every row. */
  private static final int ALL = 10_000;

  static RetentionScope of(StoreKitCall call) {
    return new RetentionScope(call.app().id(), call.environment());
  }

  String id(String identifier) {
    return appId + "/" + environment.wire() + "/" + identifier;
  }

  /** A new row's attributes, tagged with this scope. */
  ObjectNode tag(ObjectNode attributes) {
    return attributes.put("appId", appId).put("environment", environment.wire());
  }

  List<Resource> list(StoreTx tx, String type) {
    return tx.list(spec(type, ALL)).items();
  }

  /** How many rows of {@code type} this scope has (a count, not a read of them: the maximums are 2000). */
  long count(StoreTx tx, String type) {
    return tx.list(spec(type, 1)).total();
  }

  private ListSpec spec(String type, int limit) {
    return new ListSpec(type, null, List.of(new Condition.AttributeIn("appId", ValueKind.STRING, List.of(appId)),
        new Condition.AttributeIn("environment", ValueKind.STRING, List.of(environment.wire()))), List.of(), null, limit);
  }

  /**
   * The identifier path parameter as Apple's clients send it, a UUID (Apple's libraries type it
   * {@code UUID}); anything else is a general bad request [INFER], with the reason in the diagnosis.
   */
  static String uuid(StoreKitCall call, String param) {
    String value = call.param(param);
    if (value == null || !UUID.matcher(value).matches()) {
      throw new StoreKitException(StoreKitErrors.GENERAL_BAD_REQUEST, param + " must be a UUID you choose (Apple's libraries send one); got '" + value + "'");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  static boolean isUuid(String value) {
    return value != null && UUID.matcher(value).matches();
  }

  /** A 200 with a JSON body, as Apple answers a read. */
  static ApiResponse json(ObjectMapper mapper, JsonNode body) {
    try {
      return ApiResponse.json(200, mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Apple answers an accepted upload, configuration or deletion with a bare 200 [LIB: the clients expect no body]. */
  static ApiResponse ok() {
    return ApiResponse.noContent(200);
  }
}
