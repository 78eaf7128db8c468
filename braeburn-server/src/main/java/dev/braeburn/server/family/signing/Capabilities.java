package dev.braeburn.server.family.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST/PATCH /v1/bundleIdCapabilities} (provisioning.md §5.2): one capability per type and
 * bundle ID, with an id naming both ({@code NLRN94JD59_ACCESS_WIFI_INFORMATION}); settings and
 * options that belong to the capability; only wildcard-capable capabilities on a wildcard App ID.
 * That the type never changes is the type rules' {@code fixed} row; deletion is generic (404 when not enabled).
 */
final class Capabilities {
  static final String TYPE = "bundleIdCapabilities";
  /** §2, §5.2 [SPEC]: each setting key belongs to one capability and takes these option keys. */
  private static final Map<String, Map<String, Set<String>>> SETTINGS = Map.of(
      "ICLOUD", Map.of("ICLOUD_VERSION", Set.of("XCODE_5", "XCODE_6")),
      "DATA_PROTECTION", Map.of("DATA_PROTECTION_PERMISSION_LEVEL",
          Set.of("COMPLETE_PROTECTION", "PROTECTED_UNLESS_OPEN", "PROTECTED_UNTIL_FIRST_USER_AUTH")),
      "APPLE_ID_AUTH", Map.of("APPLE_ID_AUTH_APP_CONSENT", Set.of("PRIMARY_APP_CONSENT")));
  /**
   * §5.2: {@code supportsWildcard} says which capabilities a wildcard App ID may carry; Apple's list is
   * not recorded. Braeburn lets wildcard App IDs carry only data protection [INFER].
   */
  private static final Set<String> WILDCARD_CAPABLE = Set.of("DATA_PROTECTION");
  /** §1.3: the capabilities Apple enables on create carry the platform in their id [REAL _IOS; _MACOS INFER]. */
  private static final Set<String> PLATFORM_SUFFIXED = Set.of("GAME_CENTER", "IN_APP_PURCHASE");

  private final Graph graph;
  private final ProfileStates profiles;

  Capabilities(Graph graph, ProfileStates profiles) {
    this.graph = graph;
    this.profiles = profiles;
  }

  /** §5.1: an explicit iOS App ID gets Game Center and In-App Purchase, a Mac one In-App Purchase; a wildcard none [INFER]. */
  void addDefaults(StoreTx tx, Resource bundleId) {
    if (BundleIdRules.isWildcard(bundleId.attributes().path("identifier").asText())) {
      return;
    }
    List<String> defaults = bundleId.attributes().path("platform").asText().equals("MAC_OS")
        ? List.of("IN_APP_PURCHASE") : List.of("GAME_CENTER", "IN_APP_PURCHASE");
    for (String type : defaults) {
      insert(tx, bundleId, type, graph.object().put("capabilityType", type).putNull("settings"));
    }
  }

  ApiResponse create(OperationContext ctx) {
    ObjectNode attributes = ctx.body().attributes().deepCopy();
    String type = attributes.path("capabilityType").asText();
    checkSettings(type, attributes.path("settings"));
    JsonNode link = ctx.body().relationships().get("bundleId");
    return graph.services().store().write(ctx.teamId(), tx -> {
      String bundleIdId = link == null ? "" : link.path("id").asText();
      Resource bundleId = tx.find(BundleIds.TYPE, bundleIdId).orElseThrow(() ->
          new ApiException(Errors.relationshipTargetMissing(BundleIds.TYPE, bundleIdId, "/data/relationships/bundleId/data")));
      String identifier = bundleId.attributes().path("identifier").asText();
      if (BundleIdRules.isWildcard(identifier) && !WILDCARD_CAPABLE.contains(type)) {
        throw refusal("The capability '" + type + "' is not available for a wildcard App ID.", "/data/attributes/capabilityType",
            "Bundle ID " + bundleId.id() + " is the wildcard '" + identifier + "'; Braeburn lets wildcard App IDs carry only "
                + WILDCARD_CAPABLE + " (provisioning.md §5.2 supportsWildcard; Apple's list and wording are not recorded, inferred). "
                + "Register an explicit bundle ID for this capability.");
      }
      boolean enabled = graph.related(tx, bundleId, TYPE).stream().anyMatch(c -> c.attributes().path("capabilityType").asText().equals(type));
      if (enabled) {
        throw refusal("The capability '" + type + "' is already enabled for this App ID.", "/data/attributes/capabilityType",
            "Bundle ID " + bundleId.id() + " ('" + identifier + "') already has " + type + " (GET /v1/bundleIds/" + bundleId.id()
                + "/bundleIdCapabilities); change its settings with PATCH instead (one capability per type: provisioning.md §1.3 ids; "
                + "the refusal's wording is inferred).");
      }
      ctx.services().rules().beforeInsert(TYPE, null, attributes, ctx.services().clock().instant());
      Resource created = insert(tx, bundleId, type, attributes);
      profiles.appIdChanged(tx, bundleId);
      String location = ctx.request().baseUrl() + "/" + ctx.operation().version() + "/" + TYPE + "/" + created.id();
      return Documents.single(ctx, tx, created, 201).withHeader("Location", location);
    });
  }

  /** §4.5: a change of the App ID's capabilities invalidates its profiles. */
  ApiResponse update(OperationContext ctx) {
    return GenericWrites.update(ctx, (tx, stored, merged) -> {
      checkSettings(merged.path("capabilityType").asText(), merged.path("settings"));
      graph.relatedOne(tx, stored, "bundleId").ifPresent(b -> profiles.appIdChanged(tx, b));
    });
  }

  /** Disables the capability (404 when it is not enabled: the generic lookup); the App ID's profiles become INVALID (§4.5). */
  ApiResponse delete(OperationContext ctx) {
    return graph.services().store().write(ctx.teamId(), tx -> {
      Resource capability = dev.braeburn.server.engine.GenericReads.existing(tx, TYPE, ctx.id());
      graph.relatedOne(tx, capability, "bundleId").ifPresent(b -> profiles.appIdChanged(tx, b));
      tx.delete(TYPE, capability.id());
      return ApiResponse.noContent(204);
    });
  }

  private Resource insert(StoreTx tx, Resource bundleId, String type, ObjectNode attributes) {
    String platform = switch (bundleId.attributes().path("platform").asText()) {
      case "MAC_OS" -> "_MACOS";
      case "IOS" -> "_IOS";
      default -> "";
    };
    String id = bundleId.id() + "_" + type + (PLATFORM_SUFFIXED.contains(type) ? platform : "");
    Resource created = tx.insert(TYPE, id, attributes);
    graph.link(tx, created, "bundleId", bundleId);
    return created;
  }

  /** §5.2: each setting must be the capability's, each option the setting's; Apple's wording is not recorded [INFER]. */
  private static void checkSettings(String type, JsonNode settings) {
    List<ApiError> errors = new ArrayList<>();
    Map<String, Set<String>> allowed = SETTINGS.getOrDefault(type, Map.of());
    for (int i = 0; settings.isArray() && i < settings.size(); i++) {
      JsonNode setting = settings.get(i);
      String key = setting.path("key").asText(null);
      if (key == null) {
        continue;
      }
      if (!allowed.containsKey(key)) {
        errors.add(SigningErrors.capabilityInvalid("The setting '" + key + "' is not a setting of the capability '" + type + "'.",
            "/data/attributes/settings/" + i + "/key"));
        continue;
      }
      JsonNode options = setting.path("options");
      for (int j = 0; options.isArray() && j < options.size(); j++) {
        String option = options.get(j).path("key").asText(null);
        if (option != null && !allowed.get(key).contains(option)) {
          errors.add(SigningErrors.capabilityInvalid("The option '" + option + "' is not an option of the setting '" + key + "'.",
              "/data/attributes/settings/" + i + "/options/" + j + "/key"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(errors, "A " + type + " capability takes only its own settings and options: " + describe(allowed)
          + " (provisioning.md §2, §5.2: ICLOUD_VERSION belongs to ICLOUD, DATA_PROTECTION_PERMISSION_LEVEL to DATA_PROTECTION, "
          + "APPLE_ID_AUTH_APP_CONSENT to APPLE_ID_AUTH; the refusal's wording is inferred).");
    }
  }

  private static String describe(Map<String, Set<String>> allowed) {
    return allowed.isEmpty() ? "none" : allowed.entrySet().stream().map(e -> e.getKey() + " with " + e.getValue().stream().sorted().toList())
        .reduce((a, b) -> a + "; " + b).orElse("none");
  }

  private static ApiException refusal(String detail, String pointer, String diagnosis) {
    return new ApiException(List.of(SigningErrors.capabilityInvalid(detail, pointer)), diagnosis);
  }
}
