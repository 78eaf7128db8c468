package dev.braeburn.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.OperationKind;
import dev.braeburn.spec.Spec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Calls every operation of the spec against a demo-seeded server and validates each response
 * against the spec's schemas (see {@link SchemaValidator} for the one documented deviation).
 * Every GET is called with its required query parameters; every write is called once with a
 * valid body built from its request schema and once with an invalid one (wrong resource type,
 * or an unknown id for bodiless DELETEs). Writes run after all reads, deletes last and on
 * throwaway resources. Also probes that each operation validates its query (an unknown parameter
 * must be a 400) and writes {@code docs/coverage.md}.
 */
class ConformanceTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String PREFIX = "conformance-";
  private static final String DELETE_PREFIX = "conformance-del-";
  private static final String REVIEW_DRAFT = "conformance-review-draft";
  /** The app has no visionOS version: whatever the seed shows in review, no submission of it is in progress there. */
  private static final String REVIEW_PLATFORM = "VISION_OS";
  private static final String PENDING_RELEASE = PREFIX + "pending-release";
  private static final Path COVERAGE = Path.of("..", "docs", "coverage.md");
  /**
   * Valid bodies the schema alone cannot make, for operations that check values beyond it (App
   * Store locales, a reviewer contact's phone, one App Review Information record per version, a UDID, a CSR): the
   * create goes to the seed's Ledgerly 2.9.0, which has none, while the fixture's record belongs to
   * the preferred version.
   */
  private static final Map<String, java.util.function.Consumer<ObjectNode>> VALID_VALUES = withOfferValues(Map.of(
      "appStoreVersionLocalizations_createInstance", b -> attributes(b).put("locale", "pt-PT"),
      "appInfoLocalizations_createInstance", b -> attributes(b).put("locale", "pt-BR"),
      "appStoreReviewDetails_createInstance", b -> {
        attributes(b).put("contactPhone", "+1 555 0100");
        ((ObjectNode) b.at("/data/relationships/appStoreVersion/data")).put("id", "a6e7f3aa-98ee-5f09-a290-fc97e19bd8c6");
      },
      "appStoreReviewDetails_updateInstance", b -> attributes(b).put("contactPhone", "+1 555 0100"),
      // signing (issue 14): Apple registers only UDIDs of a device's form (provisioning.md §6.1)
      "devices_createInstance", b -> attributes(b).put("udid", "00008101-000960143488001E"),
      // signing (issue 14): a certificate is issued only for a real RSA 2048 CSR (provisioning.md §3.1), and a type's
      // identifier relationship must fit it (§7): a development type takes none
      "certificates_createInstance", b -> {
        attributes(b).put("csrContent", Csrs.pem(Csrs.SHARED)).put("certificateType", "IOS_DEVELOPMENT");
        ((ObjectNode) b.get("data")).remove("relationships");
      },
      // signing (issue 14): the fixture's certificate is a distribution one, which an App Store profile takes (provisioning.md §4.1)
      "profiles_createInstance", b -> attributes(b).put("profileType", "IOS_APP_STORE"),
      // signing (issue 14): merchant and pass type identifiers carry their prefix (provisioning.md §7)
      "merchantIds_createInstance", b -> attributes(b).put("identifier", "merchant.dev.braeburn.conformance"),
      "passTypeIds_createInstance", b -> attributes(b).put("identifier", "pass.dev.braeburn.conformance")));

  /** Offers (issue 15): each mode takes its durations and price rule (docs/commerce/offers.md); the fixture's prices name price points. */
  private static Map<String, java.util.function.Consumer<ObjectNode>> withOfferValues(Map<String, java.util.function.Consumer<ObjectNode>> base) {
    Map<String, java.util.function.Consumer<ObjectNode>> all = new java.util.HashMap<>(base);
    all.put("subscriptionIntroductoryOffers_createInstance", b -> attributes(b).put("offerMode", "FREE_TRIAL").put("duration", "ONE_WEEK"));
    for (String op : List.of("subscriptionPromotionalOffers_createInstance", "winBackOffers_createInstance")) {
      all.put(op, b -> attributes(b).put("offerMode", "PAY_UP_FRONT").put("duration", "ONE_MONTH"));
    }
    // the primary offer code price is the demo seed's (Plus Monthly's free-trial code: a territory, no price point)
    all.put("subscriptionOfferCodes_createInstance", b -> attributes(b).put("offerMode", "FREE_TRIAL").put("duration", "ONE_MONTH"));
    // a win-back offerId is unique in the group with promotional offer codes (the promotional create uses "Conformance")
    all.put("winBackOffers_createInstance", b -> attributes(b).put("offerMode", "PAY_UP_FRONT").put("duration", "ONE_MONTH").put("offerId", "conformance.winback"));
    for (String op : List.of("subscriptionOfferCodeOneTimeUseCodes_createInstance", "inAppPurchaseOfferCodeOneTimeUseCodes_createInstance",
        "subscriptionOfferCodeCustomCodes_createInstance", "inAppPurchaseOfferCodeCustomCodes_createInstance")) {
      all.put(op, b -> attributes(b).put("expirationDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(1).toString()));
    }
    return all;
  }
  /**
   * Commerce pricing (issue 15): a price names a computed price point of its own product (base64url
   * {"s","t","p"}, docs/commerce/pricing.md), starts today or later, and a schedule's manual prices are
   * inline-created with local ids and include a current base-territory price.
   */
  private static final Map<String, java.util.function.Consumer<ObjectNode>> PRICING_VALUES = Map.of(
      "inAppPurchasePriceSchedules_createInstance", b -> schedule(b, "inAppPurchase", "inAppPurchasePrices", "inAppPurchasePricePoint"),
      "appPriceSchedules_createInstance", b -> schedule(b, "app", "appPrices", "appPricePoint"),
      "subscriptionPrices_createInstance", b -> {
        attributes(b).putNull("startDate");
        ((ObjectNode) b.get("data").get("relationships")).remove("territory");
        ((ObjectNode) b.at("/data/relationships/subscriptionPricePoint/data"))
            .put("id", pricePoint(b.at("/data/relationships/subscription/data/id").asText()));
      });

  /** A schedule (an app's or an in-app purchase's, one shape) with one current USA price, inline-created. */
  private static void schedule(ObjectNode b, String productRelationship, String pricesType, String pointRelationship) {
    String product = b.at("/data/relationships/" + productRelationship + "/data/id").asText();
    ((ObjectNode) b.at("/data/relationships/baseTerritory/data")).put("id", "USA");
    ObjectNode price = NODES.objectNode().put("type", pricesType).put("id", "${price1}");
    price.putObject("attributes").putNull("startDate").putNull("endDate");
    price.putObject("relationships").putObject(pointRelationship).putObject("data")
        .put("type", pointRelationship + "s").put("id", pricePoint(product));
    b.putArray("included").add(price);
    ((ObjectNode) b.at("/data/relationships/manualPrices")).putArray("data").addObject().put("type", pricesType).put("id", "${price1}");
  }

  /** Point 10008 ($0.99) of a product in the USA, as the pricing family computes ids. */
  private static String pricePoint(String product) {
    String json = "{\"s\":\"" + product + "\",\"t\":\"USA\",\"p\":\"10008\"}";
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Non-JSON successes that are JSON documents of a spec schema, computed for any existing resource. */
  private static final java.util.Set<String> MODELLED_DOCUMENTS =
      java.util.Set.of("application/vnd.apple.xcode-metrics+json", "application/vnd.apple.diagnostic-logs+json");

  private final Spec spec = Spec.load();
  private final SchemaValidator validator = new SchemaValidator(spec);
  private final EveryTypeFixture fixture = new EveryTypeFixture(spec, PREFIX);
  private final ServerSetValues serverSet = new ServerSetValues(spec);
  private final ValidBodies bodies = new ValidBodies(spec, fixture);
  private final Map<String, List<String>> failures = new LinkedHashMap<>();
  private final Map<String, Boolean> queryValidated = new TreeMap<>();
  private final Map<String, Boolean> bodyValidated = new TreeMap<>();
  private final Map<String, Boolean> routed = new TreeMap<>();
  private TestServer server;
  private int getsWithData;
  private int getsWithIncluded;

  @Test
  void validatorRejectsWhatTheSpecForbids() throws Exception {
    JsonNode good = TestServer.JSON.readTree(
        "{\"data\":{\"type\":\"apps\",\"id\":\"1\",\"attributes\":{\"name\":\"A\",\"sku\":null},"
            + "\"links\":{\"self\":\"https://x/v1/apps/1\"}},\"links\":{\"self\":\"https://x/v1/apps/1\"}}");
    assertThat(validator.validate(good, "AppResponse")).isEmpty();
    ObjectNode unknown = good.deepCopy();
    ((ObjectNode) unknown.at("/data/attributes")).put("bogus", 1);
    assertThat(validator.validate(unknown, "AppResponse")).anyMatch(v -> v.contains("/data/attributes/bogus: unknown property"));
    ObjectNode badEnum = good.deepCopy();
    ((ObjectNode) badEnum.at("/data/attributes")).put("contentRightsDeclaration", "MAYBE");
    assertThat(validator.validate(badEnum, "AppResponse")).anyMatch(v -> v.contains("not in enum"));
    ObjectNode badType = good.deepCopy();
    ((ObjectNode) badType.at("/data")).put("type", "builds");
    assertThat(validator.validate(badType, "AppResponse")).isNotEmpty();
    ObjectNode missing = good.deepCopy();
    missing.remove("links");
    assertThat(validator.validate(missing, "AppResponse")).anyMatch(v -> v.contains("missing required property 'links'"));
    ObjectNode nullRequired = good.deepCopy();
    nullRequired.putNull("links");
    assertThat(validator.validate(nullRequired, "AppResponse")).anyMatch(v -> v.contains("null is not allowed"));
    ObjectNode badIncluded = good.deepCopy();
    badIncluded.putArray("included").addObject().put("type", "builds").put("id", "b").putObject("attributes").put("uploadedDate", "yesterday");
    assertThat(validator.validate(badIncluded, "AppResponse")).anyMatch(v -> v.contains("/included/0/attributes/uploadedDate"));
  }

  @Test
  void everyOperationConformsToTheSpec() throws Exception {
    try (TestServer s = TestServer.start("demo")) {
      server = s;
      seedEveryType();
      List<Operation> ops = new ArrayList<>(spec.operations());
      ops.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
      for (Operation op : ops) {
        failures.put(op.id(), new ArrayList<>());
      }
      for (Operation op : ops) {
        if (op.method().equals("GET")) {
          read(op);
        }
      }
      for (String method : List.of("POST", "PATCH")) {
        for (Operation op : ops) {
          if (op.method().equals(method)) {
            write(op);
          }
        }
      }
      for (Operation op : ops) {
        if (op.method().equals("DELETE")) {
          write(op);
        }
      }
      for (Operation op : ops) {
        probeQueryValidation(op);
      }
      String coverage = coverage(ops);
      Files.createDirectories(COVERAGE.getParent());
      Files.writeString(COVERAGE, coverage);
    }
    List<String> report = new ArrayList<>();
    failures.forEach((id, list) -> list.forEach(f -> report.add(id + ": " + f)));
    assertThat(report).as("conformance failures (%d)", report.size()).isEmpty();
    assertThat(serverSet.failures()).as("server-set attributes left null without a reason in type-rules.json").isEmpty();
  }

  /**
   * Drops from a valid body what the fixture's state refuses by Apple's rules (type-rules.json),
   * so the valid call stays valid: the demo app is live and has builds, so its bundle ID and its
   * content rights answer are locked (docs/app-review.md).
   */
  private static void lockedInFixture(Operation op, ObjectNode body) {
    if (op.id().equals("apps_updateInstance") && body.at("/data/attributes") instanceof ObjectNode attributes) {
      attributes.remove(List.of("bundleId", "contentRightsDeclaration"));
    }
  }

  // ---------------------------------------------------------------- fixtures

  /** One resource per type: the seed's where it has one, else an inserted one linked to the others. */
  private void seedEveryType() throws Exception {
    JsonNode seed;
    try (InputStream in = getClass().getResourceAsStream("/braeburn/seed/demo.json")) {
      seed = TestServer.JSON.readTree(in);
    }
    for (JsonNode r : seed.path("data")) {
      if (!EveryTypeFixture.IN_FLIGHT.contains(r.path("type").asText())) {
        fixture.known(r.path("type").asText(), r.path("id").asText());
      }
    }
    fixture.prefer("apps", "1600000001");
    // A VALID, unexpired build of that app, so TestFlight writes (submit for review, add to a group) are accepted.
    fixture.prefer("builds", "8651813e-830b-50dd-a1cd-d7d19fe1f47f");
    fixture.prefer("buildBetaDetails", "8651813e-830b-50dd-a1cd-d7d19fe1f47f");
    // An editable (PREPARE_FOR_SUBMISSION) version: type-rules.json refuses versionString and build changes once in review or live.
    fixture.prefer("appStoreVersions", "5d5c052c-bea7-5784-9bda-0d855f39b81b");
    // Its localization and the app's editable app info: metadata of live ones is locked (type-rules.json, docs/app-review.md).
    fixture.prefer("appStoreVersionLocalizations", "cddec1c8-5ede-52c2-ad7e-1025e2774d7e");
    fixture.prefer("appInfos", "aaae4e49-7825-54e3-b715-6e4465e50581");
    fixture.prefer("appInfoLocalizations", "7d2f4938-0878-5a8a-af92-fd1e8c9e484e");
    fixture.prefer("diagnosticSignatures", modelledSignature("1600000001"));
    // A draft review submission: items are added to drafts only (docs/app-review.md).
    fixture.prefer("reviewSubmissions", REVIEW_DRAFT);
    ArrayNode data = fixture.missingResources();
    ObjectNode draft = data.addObject().put("type", "reviewSubmissions").put("id", REVIEW_DRAFT);
    draft.putObject("attributes").put("state", "READY_FOR_REVIEW"); // no platform: the PATCH sets it once
    draft.putObject("relationships").putObject("app").putObject("data").put("type", "apps").put("id", fixture.idFor("apps"));
    for (JsonNode r : data) {
      if (r.path("type").asText().equals("reviewSubmissionItems")) { // an item out of review: its targets may join the draft
        ((ObjectNode) r.path("attributes")).put("state", "REMOVED");
      }
      if (r.path("type").asText().equals("betaAppReviewDetails")) { // a beta review needs the contact Apple calls
        ((ObjectNode) r.path("attributes")).put("contactFirstName", "Ada").put("contactLastName", "Lovelace")
            .put("contactPhone", "+1 555 0100").put("contactEmail", "ada@example.com");
      }
      if (r.path("type").asText().equals("appStoreVersionPhasedReleases")) { // a running one, so a PATCH may pause it
        ((ObjectNode) r.path("attributes")).put("phasedReleaseState", "ACTIVE").put("currentDayNumber", 1);
      }
    }
    // A MANUAL version approved and waiting for its release request (tvOS app; its 1.6.2 is live).
    ObjectNode pending = data.addObject().put("type", "appStoreVersions").put("id", PENDING_RELEASE);
    pending.putObject("attributes").put("platform", "TV_OS").put("versionString", "1.7.0").put("releaseType", "MANUAL")
        .put("appVersionState", "PENDING_DEVELOPER_RELEASE").put("appStoreState", "PENDING_DEVELOPER_RELEASE");
    pending.putObject("relationships").putObject("app").putObject("data").put("type", "apps").put("id", "1600000003");
    CommerceConformance.addProducts(data);
    for (Operation op : spec.operations()) {
      if (op.kind() == OperationKind.DELETE && spec.resourceType(op.type()) != null) {
        data.addObject().put("type", op.type()).put("id", DELETE_PREFIX + op.id()).putObject("attributes");
      }
    }
    ObjectNode body = NODES.objectNode();
    body.set("data", data);
    TestServer.Reply reply = server.admin("POST", "/_braeburn/resources", body.toString(), null);
    assertThat(reply.status()).as("admin load: %s", reply.body()).isBetween(200, 299);
  }

  /**
   * A diagnostic signature with logs: a build of the newest app version the usage model shows for
   * {@code appId} (the demo's builds carry store versions the model does not simulate), whose
   * signatures are made on first read.
   */
  private String modelledSignature(String appId) {
    JsonNode metrics = json(server.get("/v1/apps/" + appId + "/perfPowerMetrics?filter[metricType]=LAUNCH"));
    JsonNode points = metrics.at("/productData/0/metricCategories/0/metrics/0/datasets/0/points");
    assertThat(points.size()).as("versions in %s", metrics).isPositive();
    String version = points.get(points.size() - 1).path("version").asText();
    TestServer.Reply loaded = server.admin("POST", "/_braeburn/resources", """
        {"data":[
          {"type":"preReleaseVersions","id":"%1$smodel-version","attributes":{"version":"%2$s","platform":"IOS"},
           "relationships":{"app":{"data":{"type":"apps","id":"%3$s"}}}},
          {"type":"builds","id":"%1$smodel-build","attributes":{"version":"9000","processingState":"VALID"},
           "relationships":{"app":{"data":{"type":"apps","id":"%3$s"}},
                            "preReleaseVersion":{"data":{"type":"preReleaseVersions","id":"%1$smodel-version"}}}}]}""".formatted(PREFIX, version, appId), null);
    assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
    JsonNode signatures = json(server.get("/v1/builds/" + PREFIX + "model-build/diagnosticSignatures?limit=1"));
    assertThat(signatures.path("data").size()).as("signatures: %s", signatures).isEqualTo(1);
    return signatures.at("/data/0/id").asText();
  }

  private static ObjectNode attributes(ObjectNode body) {
    return (ObjectNode) body.at("/data/attributes");
  }

  /**
   * The generated body names the fixture's primaries; where the release family's rules refuse that
   * (issue 13: one open version per platform, a version string's form, one phased release per
   * version, a release request only for a version pending release), the valid call is one Apple accepts.
   */
  private static void acceptedByTheReleaseRules(Operation op, ObjectNode body) {
    JsonNode data = body.path("data");
    switch (op.id()) {
      // the app's iOS 3.5.0 is still open: its first macOS version instead
      case "appStoreVersions_createInstance" -> ((ObjectNode) data.path("attributes")).put("platform", "MAC_OS").put("versionString", "1.0");
      case "appStoreVersions_updateInstance" -> ((ObjectNode) data.path("attributes")).put("versionString", "3.5.0"); // unchanged
      // the primary version has the fixture's phased release: Ledgerly's open iOS 2.9.0 instead
      case "appStoreVersionPhasedReleases_createInstance" ->
          ((ObjectNode) data.at("/relationships/appStoreVersion/data")).put("id", "a6e7f3aa-98ee-5f09-a290-fc97e19bd8c6");
      case "appStoreVersionPhasedReleases_updateInstance" -> ((ObjectNode) data.path("attributes")).put("phasedReleaseState", "PAUSED");
      case "appStoreVersionReleaseRequests_createInstance" -> ((ObjectNode) data.at("/relationships/appStoreVersion/data")).put("id", PENDING_RELEASE);
      default -> { }
    }
  }

  private String pathFor(Operation op, String id) {
    return op.path().replace("{id}", id);
  }

  private String idFor(Operation op) {
    return fixture.idFor(op.type());
  }

  // ---------------------------------------------------------------- reads

  private void read(Operation op) {
    String query = fixture.queryWithIncludes(op);
    String url = pathFor(op, idFor(op)) + query;
    TestServer.Reply reply = server.get(url);
    List<String> f = failures.get(op.id());
    routed.put(op.id(), isRouted(reply));
    if (MODELLED_DOCUMENTS.contains(op.success().contentType())) {
      // Power and performance metrics and diagnostic logs come from the usage model for every app,
      // build and signature: always a document of the spec's schema (docs/perf-metrics.md).
      if (reply.status() != 200) {
        f.add("GET " + url + ": expected 200, got " + reply.status() + " " + abbreviate(reply.body()));
      } else {
        validateDocument("GET " + url, reply, op.success().contentType(), op.success().schema(), f);
        JsonNode doc = json(reply);
        if (doc != null && doc.path("productData").isEmpty() && !op.id().startsWith("builds_")) {
          f.add("GET " + url + ": no productData");
        }
      }
      return;
    }
    if (!op.success().isJson()) {
      // Report downloads (sales, finance): a file of the spec's content type, or — for the fixture's
      // literal filter values, which are not the team's vendor number — an Apple error document.
      if (reply.status() == 200) {
        if (!op.success().contentType().equals(reply.header("content-type"))) {
          f.add("GET " + url + ": Content-Type " + reply.header("content-type"));
        }
      } else if (reply.status() >= 500 || reply.status() < 400) {
        f.add("GET " + url + ": expected the file or an error document, got " + reply.status() + " " + abbreviate(reply.body()));
      } else {
        validateBody(op, "GET " + url, reply, "ErrorResponse", f);
      }
      return;
    }
    if (reply.status() == 200 && !op.returnsList(spec) && json(reply) != null && json(reply).path("data").isNull()
        && (op.kind() == OperationKind.GET_RELATED || op.kind() == OperationKind.GET_RELATIONSHIP)) {
      // Documented deviation (protocol.md §5.4): an empty to-one is 200 {"data": null, "links": …}
      // although the spec marks `data` required and not nullable; validate the rest of the document.
      ObjectNode doc = (ObjectNode) json(reply);
      doc.remove("data");
      List<String> violations = new ArrayList<>();
      for (String v : validator.validate(doc, op.success().schema())) {
        if (!v.equals(": missing required property 'data'")) {
          violations.add(v);
        }
      }
      if (!violations.isEmpty()) {
        f.add("GET " + url + ": " + violations.size() + " violation(s) of " + op.success().schema() + ": "
            + String.join("; ", violations.subList(0, Math.min(4, violations.size()))));
      }
      if (!"application/json".equals(reply.header("content-type"))) {
        f.add("GET " + url + ": Content-Type " + reply.header("content-type"));
      }
      return;
    }
    JsonNode doc = json(reply);
    if (doc != null && doc.path("data").size() > 0) {
      getsWithData++;
    }
    if (doc != null && doc.path("included").size() > 0) {
      getsWithIncluded++;
    }
    expect(op, "GET " + url, reply, 200, op.success().schema(), f);
  }

  private void probeQueryValidation(Operation op) {
    String id = op.kind() == OperationKind.DELETE ? DELETE_PREFIX + op.id() : idFor(op);
    TestServer.Reply reply = server.send(op.method(), pathFor(op, id) + "?conformanceUnknown=1", null);
    boolean ok = reply.status() == 400 && validator.validate(json(reply), "ErrorResponse").isEmpty();
    queryValidated.put(op.id(), ok);
    if (reply.status() >= 500) {
      failures.get(op.id()).add(op.method() + " with unknown query parameter: " + reply.status() + " " + abbreviate(reply.body()));
    }
    routed.putIfAbsent(op.id(), isRouted(reply));
  }

  private static boolean isRouted(TestServer.Reply reply) {
    return !(reply.status() == 404 && reply.body().contains("PATH_ERROR")) && reply.status() != 405;
  }

  // ---------------------------------------------------------------- writes

  private void write(Operation op) {
    List<String> f = failures.get(op.id());
    boolean throwaway = op.kind() == OperationKind.DELETE;
    String id = throwaway ? DELETE_PREFIX + op.id() : idFor(op);
    String url = pathFor(op, id);
    if (op.bodySchema() == null) {
      // invalid: an id that does not exist
      String bad = pathFor(op, "conformance-missing-id");
      TestServer.Reply invalid = server.send(op.method(), bad, null);
      bodyValidated.put(op.id(), invalid.status() == 404);
      expect(op, op.method() + " " + bad + " (unknown id)", invalid, 404, "ErrorResponse", f);
      TestServer.Reply reply = server.send(op.method(), url, null);
      routed.put(op.id(), isRouted(reply));
      expectWriteSuccess(op, op.method() + " " + url, reply, f);
      return;
    }
    ObjectNode valid;
    try {
      valid = bodies.body(op, id);
      VALID_VALUES.getOrDefault(op.id(), PRICING_VALUES.getOrDefault(op.id(), b -> {})).accept(valid);
      acceptedByTheReleaseRules(op, valid);
      CommerceConformance.accept(op, valid);
    } catch (RuntimeException e) {
      f.add("cannot build a body from " + op.bodySchema() + ": " + e);
      return;
    }
    lockedInFixture(op, valid);
    reviewItem(op, valid);
    ObjectNode invalid = valid.deepCopy();
    JsonNode data = invalid.get("data");
    if (data instanceof ObjectNode o) {
      o.put("type", "conformanceWrongTypes");
    } else if (data instanceof ArrayNode a) {
      a.forEach(n -> ((ObjectNode) n).put("type", "conformanceWrongTypes"));
    }
    if (valid.path("data").path("attributes").isObject()) {
      // a second invalid body: an attribute the resource type does not have
      ObjectNode unknown = valid.deepCopy();
      ((ObjectNode) unknown.get("data").get("attributes")).put("conformanceUnknownAttribute", "x");
      TestServer.Reply r = server.send(op.method(), url, unknown.toString());
      if (r.status() != 409) {
        f.add(op.method() + " " + url + " with unknown attribute: expected 409, got " + r.status() + " " + abbreviate(r.body()));
      } else {
        validateBody(op, "unknown attribute", r, "ErrorResponse", f);
      }
    }
    TestServer.Reply bad = server.send(op.method(), url, invalid.toString());
    boolean rejected = bad.status() == 409 || bad.status() == 400 || bad.status() == 422;
    bodyValidated.put(op.id(), rejected);
    if (!rejected) {
      f.add(op.method() + " " + url + " with wrong type: expected 409/400/422, got " + bad.status() + " " + abbreviate(bad.body()) + " body=" + abbreviate(invalid.toString()));
    } else {
      validateBody(op, "invalid body", bad, "ErrorResponse", f);
    }
    TestServer.Reply reply = server.send(op.method(), url, valid.toString());
    routed.put(op.id(), isRouted(reply));
    if (!expectWriteSuccess(op, op.method() + " " + url, reply, f)) {
      f.set(f.size() - 1, f.getLast() + " body=" + abbreviate(valid.toString()));
    } else if (op.kind() == OperationKind.CREATE && json(reply) != null && json(reply).path("data").isObject()) {
      JsonNode created = json(reply).path("data");
      serverSet.observe(created.path("type").asText(), valid.path("data").path("attributes"), created);
    }
  }

  /**
   * Review submissions (docs/app-review.md): an item names exactly one thing — the required members
   * name none, so the valid item names the fixture's in-app event (carried through review without
   * checks); a new submission is for a platform on which no submission of the app can be in progress.
   */
  private void reviewItem(Operation op, ObjectNode valid) {
    if (op.id().equals("reviewSubmissionItems_createInstance")) {
      ((ObjectNode) valid.path("data").path("relationships")).putObject("appEvent").putObject("data").put("type", "appEvents")
          .put("id", fixture.idFor("appEvents"));
    } else if (op.id().equals("reviewSubmissions_createInstance")) {
      ((ObjectNode) valid.path("data").path("attributes")).put("platform", REVIEW_PLATFORM);
    }
  }

  private boolean expectWriteSuccess(Operation op, String call, TestServer.Reply reply, List<String> f) {
    int before = f.size();
    switch (op.kind()) {
      case CREATE -> expect(op, call, reply, 201, op.success().schema(), f);
      case UPDATE -> expect(op, call, reply, 200, op.success().schema(), f);
      default -> {
        int status = reply.status();
        if (status != 204 && status != op.success().status()) {
          f.add(call + ": expected " + op.success().status() + ", got " + status + " " + abbreviate(reply.body()));
        }
      }
    }
    return f.size() == before;
  }

  // ---------------------------------------------------------------- checks

  private void expect(Operation op, String call, TestServer.Reply reply, int status, String schema, List<String> f) {
    if (reply.status() != status) {
      f.add(call + ": expected " + status + ", got " + reply.status() + " " + abbreviate(reply.body()));
      return;
    }
    validateBody(op, call, reply, schema, f);
  }

  private void validateBody(Operation op, String call, TestServer.Reply reply, String schema, List<String> f) {
    validateDocument(call, reply, "application/json", schema, f);
  }

  private void validateDocument(String call, TestServer.Reply reply, String expectedType, String schema, List<String> f) {
    String contentType = reply.header("content-type");
    if (!expectedType.equals(contentType)) {
      f.add(call + ": Content-Type " + contentType);
    }
    if (schema == null) {
      return;
    }
    JsonNode doc = json(reply);
    if (doc == null) {
      f.add(call + ": body is not JSON: " + abbreviate(reply.body()));
      return;
    }
    List<String> violations = validator.validate(doc, schema);
    if (!violations.isEmpty()) {
      f.add(call + ": " + violations.size() + " violation(s) of " + schema + ": "
          + String.join("; ", violations.subList(0, Math.min(4, violations.size()))));
    }
  }

  private static JsonNode json(TestServer.Reply reply) {
    try {
      return TestServer.JSON.readTree(reply.body());
    } catch (Exception e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    String flat = s.replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  // ---------------------------------------------------------------- coverage

  private String coverage(List<Operation> ops) {
    Map<String, int[]> byMethod = new LinkedHashMap<>();
    for (String m : List.of("GET", "POST", "PATCH", "DELETE")) {
      byMethod.put(m, new int[2]);
    }
    int passing = 0;
    int custom = 0;
    StringBuilder rows = new StringBuilder();
    for (Operation op : ops) {
      boolean pass = failures.get(op.id()).isEmpty();
      boolean isCustom = server.server.handlers().isCustom(op.id());
      int[] counts = byMethod.computeIfAbsent(op.method(), k -> new int[2]);
      counts[0]++;
      if (pass) {
        counts[1]++;
        passing++;
      }
      if (isCustom) {
        custom++;
      }
      boolean validated = queryValidated.getOrDefault(op.id(), false)
          && (op.bodySchema() == null || bodyValidated.getOrDefault(op.id(), false));
      rows.append("| ").append(op.method())
          .append(" | `").append(op.path()).append('`')
          .append(" | ").append(op.id())
          .append(" | ").append(op.kind())
          .append(" | ").append(routed.getOrDefault(op.id(), false) ? "✓" : "✗")
          .append(" | ").append(validated ? "✓" : "✗")
          .append(" | ").append(isCustom ? "custom" : "generic")
          .append(" | ").append(pass ? "✓" : "✗")
          .append(" |\n");
    }
    StringBuilder out = new StringBuilder();
    out.append("# Operation coverage\n\n");
    out.append("Generated by `acceptance-tests/.../ConformanceTest.java` against the demo seed; do not edit by hand.\n");
    out.append("Spec ").append(spec.version()).append(". \"validated\" = an unknown query parameter is rejected with 400 and, for operations with a body, a body of the wrong resource type is rejected with 400/409/422.\n");
    out.append("\"conformance\" = the valid call returns the expected status and a body matching the spec schema (and, for writes, the invalid calls are rejected with a valid error document).\n");
    out.append("Documented deviations from the spec accepted by the validator: `null` for a property not in `required` (protocol.md §5.3/§5.4), and `{\"data\": null}` for an empty to-one related/linkage GET (§5.4).\n");
    out.append("Non-JSON operations (sales/finance reports) pass with their file in the spec's content type or, for the fixture's literal filter values, an Apple error document.\n\n");
    out.append("| | operations | passing |\n|---|---:|---:|\n");
    out.append("| **all** | ").append(ops.size()).append(" | ").append(passing).append(" |\n");
    byMethod.forEach((m, c) -> out.append("| ").append(m).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" |\n"));
    out.append("\nGET responses with non-empty `data`: ").append(getsWithData)
        .append("; with non-empty `included`: ").append(getsWithIncluded).append(".\n");
    out.append("\nCustom handlers: ").append(custom).append(" of ").append(ops.size()).append(" operations.\n\n");
    out.append("| method | path | operation id | kind | routed | validated (query+body) | behaviour | conformance |\n");
    out.append("|---|---|---|---|:-:|:-:|---|:-:|\n");
    out.append(rows);
    out.append(serverSet.markdown());
    return out.toString();
  }
}
