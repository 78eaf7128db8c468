package dev.braeburn.acceptance.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Requests to the admin API (README, "Admin API") and to the token-addressed public routes,
 * each a well-formed call of one route mutated in its path, query, body or headers. What could
 * lock team A out or touch team B aims at team C and the spare key instead (team flags, key
 * limits and revocation, resets, snapshot loads), and the team header of a reset or a snapshot
 * load is never dropped: without it they act on the whole server, which is their documented job.
 * Resources loaded through the admin API go to team C too.
 */
final class AdminRequests {
  /** One admin route: method, path, the team header it gets, a valid body, and whether its team header must stay. */
  private record Route(String method, String path, String team, String body, boolean guarded) {}

  private AdminRequests() {}

  private static List<Route> routes(FuzzWorld w) {
    String a = w.issuerA;
    String c = w.issuerC;
    return List.of(
        new Route("GET", "/_braeburn/health", null, null, false),
        new Route("GET", "/_braeburn/teams", null, null, false),
        new Route("POST", "/_braeburn/teams", null, "{\"name\":\"fuzz\"}", false),
        new Route("PATCH", "/_braeburn/teams/" + c, null, "{\"agreementsMissing\":true}", false),
        new Route("GET", "/_braeburn/keys?issuerId=" + c, null, null, false),
        new Route("POST", "/_braeburn/keys", null, "{\"role\":\"DEVELOPER\",\"type\":\"TEAM\",\"issuerId\":\"" + c + "\",\"hourlyLimit\":5}", false),
        new Route("PATCH", "/_braeburn/keys/" + w.spareKeyId, null, "{\"hourlyLimit\":10}", false),
        new Route("DELETE", "/_braeburn/keys/" + w.spareKeyId, null, null, false),
        new Route("GET", "/_braeburn/requests?status=400&limit=5", null, null, false),
        new Route("POST", "/_braeburn/tokens/explain", null, "{\"token\":\"" + w.token() + "\"}", false),
        // into team C: the loader stores what it is given unchecked (docs/reliability.md), so team A's reads stay judgeable
        new Route("POST", "/_braeburn/resources", c, "{\"data\":[{\"type\":\"apps\",\"id\":\"fuzz-admin-app\",\"attributes\":{\"name\":\"x\"}}]}", false),
        new Route("GET", "/_braeburn/resources?type=apps&limit=5", a, null, false),
        new Route("GET", "/_braeburn/resources/apps/1600000001", a, null, false),
        new Route("POST", "/_braeburn/reset", c, null, true),
        new Route("GET", "/_braeburn/clock", null, null, false),
        new Route("POST", "/_braeburn/clock/advance", null, "{\"seconds\":30}", false),
        new Route("POST", "/_braeburn/clock/freeze", null, null, false),
        new Route("POST", "/_braeburn/clock/resume", null, null, false),
        new Route("GET", "/_braeburn/tasks?limit=5", null, null, false),
        new Route("GET", "/_braeburn/snapshot", c, null, true), // without the header: the whole server, a large legitimate answer
        new Route("POST", "/_braeburn/snapshot", c, w.snapshotOfC(), true),
        new Route("POST", "/_braeburn/webhooks/events", a, "{\"appId\":\"1600000001\",\"eventType\":\"APP_STORE_VERSION_APP_VERSION_STATE_UPDATED\"}", false),
        new Route("GET", "/_braeburn/webhooks/deliveries?appId=1600000001", a, null, false),
        new Route("GET", "/_braeburn/betaReviews/pending", a, null, false),
        new Route("GET", "/_braeburn/appReviews/pending", a, null, false),
        new Route("GET", "/_braeburn/productReviews/pending", a, null, false),
        new Route("GET", "/_braeburn/uploads/failures?appId=1600000001", a, null, false),
        new Route("POST", "/_braeburn/uploads/failures", a, "{\"appId\":\"1600000001\",\"failure\":null}", false),
        new Route("POST", "/_braeburn/betaReviews/" + w.teamA.idFor("betaAppReviewSubmissions"), a, "{\"decision\":\"APPROVED\"}", false),
        new Route("GET", "/_braeburn/betaReviews", a, null, false),
        new Route("PATCH", "/_braeburn/betaReviews", a, "{\"autoApprove\":true,\"autoApproveAfterHours\":24}", false),
        new Route("GET", "/_braeburn/metrics/apps/1600000001?from=2026-01-01&to=2026-01-07", a, null, false),
        new Route("GET", "/_braeburn/metrics/apps/1600000001/model", a, null, false),
        new Route("PATCH", "/_braeburn/metrics/apps/1600000001/model", a, "{\"dailyDownloads\":100,\"territories\":[\"US\"]}", false),
        new Route("GET", "/_braeburn/reports/scenarios", a, null, false),
        new Route("PATCH", "/_braeburn/reports/scenarios", a, "{\"privacyThreshold\":5,\"inactivityDays\":30}", false),
        new Route("POST", "/_braeburn/betaFeedback", a, "{\"type\":\"screenshot\",\"buildId\":\"" + w.teamA.idFor("builds") + "\",\"testerId\":\""
            + w.teamA.idFor("betaTesters") + "\",\"comment\":\"x\"}", false));
  }

  /** Every admin route's well-formed call. */
  static List<FuzzRequest> wellFormed(FuzzWorld w) {
    return routes(w).stream().map(route -> request(w, route)).toList();
  }

  static FuzzRequest apply(FuzzWorld w, RandomGenerator r) {
    if (r.nextInt(8) == 0) {
      return publicRoute(w, r);
    }
    Route route = Junk.pick(r, routes(w));
    FuzzRequest base = request(w, route);
    String path = route.path().contains("?") ? route.path().substring(0, route.path().indexOf('?')) : route.path();
    return switch (r.nextInt(route.body() == null ? 4 : 6)) {
      case 0 -> base.withTarget(mutatedPath(path, r) + (route.path().contains("?") ? route.path().substring(route.path().indexOf('?')) : ""), "path");
      case 1 -> base.withTarget(path + "?" + Junk.pick(r, List.of("limit=", "limit=-1", "limit=99999999999999999999", "limit=1e3", "status=abc", "status=99999",
          "issuerId=" + Junk.encodeQueryValue(Junk.id(r)), "appId=" + Junk.encodeQueryValue(Junk.id(r)), "from=2026-02-30&to=1999-01-01", "from=0000-01-01&to=9999-12-31",
          "keyId=%zz", "x=" + "y".repeat(70_000), "%", "limit[x]=1")), "query");
      case 2 -> route.guarded() ? base.withHeader("X-Braeburn-Issuer", Junk.pick(r, List.of(Junk.id(r), "", w.issuerC.toUpperCase())), "team header")
          : base.withHeader("X-Braeburn-Issuer", Junk.pick(r, List.of(Junk.id(r), "", w.issuerC)), "team header").withHeader(
              r.nextBoolean() ? "X-Braeburn-Issuer" : "X-Unused", r.nextBoolean() ? null : Junk.id(r), "team header");
      case 3 -> base.withHeader("Authorization", Junk.pick(r, List.of("", "Bearer", "Bearer " + w.adminToken + "x", "Bearer " + w.token(), "Basic x",
          "Bearer " + w.adminToken.toUpperCase())), "admin token");
      default -> BodyMutations.mutate(w, base, BodyMutations.read(base.body()), r);
    };
  }

  private static FuzzRequest request(FuzzWorld w, Route route) {
    List<FuzzRequest.Header> headers = new ArrayList<>();
    headers.add(new FuzzRequest.Header("Authorization", "Bearer " + w.adminToken));
    if (route.team() != null) {
      headers.add(new FuzzRequest.Header("X-Braeburn-Issuer", route.team()));
    }
    if (route.body() != null) {
      headers.add(new FuzzRequest.Header("Content-Type", "application/json"));
    }
    return new FuzzRequest(route.method(), route.path(), headers,
        route.body() == null ? null : route.body().getBytes(StandardCharsets.UTF_8), FuzzRequest.Surface.ADMIN, null,
        "admin " + route.method() + " " + route.path().replaceAll("\\?.*", ""));
  }

  private static String mutatedPath(String path, RandomGenerator r) {
    return switch (r.nextInt(5)) {
      case 0 -> path + "/" + Junk.encodeQueryValue(Junk.id(r));
      case 1 -> path.substring(0, path.lastIndexOf('/') + 1) + Junk.encodeQueryValue(Junk.id(r));
      case 2 -> path + Junk.pick(r, List.of("/", "//", "/..", "%2F", "%", "/%zz"));
      case 3 -> path.toUpperCase();
      default -> path.substring(0, path.lastIndexOf('/') + 1) + "9".repeat(Junk.pick(r, List.of(30, 5_000)));
    };
  }

  /** Upload parts, asset images and report files addressed by a token that is wrong, odd or huge. */
  private static FuzzRequest publicRoute(FuzzWorld w, RandomGenerator r) {
    String token = Junk.pick(r, List.of("x", "0".repeat(64), Junk.encodeQueryValue(Junk.id(r)), "a".repeat(5_000), "%zz"));
    String target = Junk.pick(r, List.of("/_uploads/" + token + "/1", "/_uploads/" + token + "/-1", "/_uploads/" + token + "/99999999999999999999",
        "/_assets/" + token + "/a/1x1bb.png", "/_assets/" + token + "/a/99999x99999bb.png", "/_assets/" + token + "/a/0x0bb.jpg",
        "/_assets/" + token + "/a/-1x-1bb.webp", "/_reports/" + token, "/_reports/" + token + "?X-Amz-Expires=-1", "/_uploads/", "/_assets/"));
    String method = Junk.pick(r, List.of("GET", "PUT", "HEAD", "POST", "DELETE"));
    byte[] body = method.equals("PUT") || method.equals("POST") ? new byte[Junk.pick(r, List.of(0, 10, 70_000))] : null;
    return new FuzzRequest(method, target, List.of(), body, FuzzRequest.Surface.PUBLIC, null, "public route");
  }
}
