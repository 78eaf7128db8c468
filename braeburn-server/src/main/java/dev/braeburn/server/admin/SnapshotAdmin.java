package dev.braeburn.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.snapshot.SnapshotException;
import dev.braeburn.server.snapshot.SnapshotSummary;
import dev.braeburn.server.snapshot.Snapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /_braeburn/snapshot}: GET answers the whole server's state (one team's with {@code
 * X-Braeburn-Issuer}) as a snapshot document, gzip-compressed when the client accepts it; POST
 * loads one (plain or gzip), replacing what its scope says. With {@code X-Braeburn-Issuer} a POST
 * only accepts that team's snapshot, so a whole-server one cannot wipe other teams by mistake.
 */
final class SnapshotAdmin {
  private final Snapshots snapshots;
  private final TeamAdmin teams;
  private final AdminJson json;

  SnapshotAdmin(Snapshots snapshots, TeamAdmin teams, AdminJson json) {
    this.snapshots = snapshots;
    this.teams = teams;
    this.json = json;
  }

  ApiResponse save(ApiRequest req) {
    String team = req.header("x-braeburn-issuer");
    String issuerId = team == null ? null : teams.resolve(team);
    boolean gzip = acceptsGzip(req.header("accept-encoding"));
    ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
    try (OutputStream out = gzip ? new GZIPOutputStream(body, 1 << 16) : body) {
      snapshots.save(issuerId, out);
    } catch (SnapshotException e) {
      throw apiError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // memory streams do not fail
    }
    ApiResponse response = ApiResponse.json(200, body.toByteArray());
    return gzip ? response.withHeader("Content-Encoding", "gzip") : response;
  }

  ApiResponse load(ApiRequest req) {
    if (!req.hasBody()) {
      throw AdminJson.invalid("", "send a snapshot document (GET /_braeburn/snapshot gives one) as the body");
    }
    SnapshotSummary loaded;
    try {
      loaded = snapshots.load(new ByteArrayInputStream(req.body()), req.header("x-braeburn-issuer"));
    } catch (SnapshotException e) {
      throw apiError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json.json(200, describe(loaded));
  }

  private ObjectNode describe(SnapshotSummary s) {
    ObjectNode out = json.mapper().createObjectNode();
    out.put("scope", s.scope());
    if (s.issuerId() != null) {
      out.put("issuerId", s.issuerId());
    }
    out.put("teams", s.teams());
    out.put("keys", s.keys());
    out.put("resources", s.resources());
    out.put("links", s.links());
    out.put("tasks", s.tasks());
    return out;
  }

  private static ApiException apiError(SnapshotException e) {
    return switch (e.problem()) {
      case MALFORMED -> new ApiException(ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", e.getMessage()));
      case UNKNOWN_TEAM -> AdminJson.notFound(e.getMessage());
      case INVALID -> AdminJson.invalid(e.pointer(), e.getMessage());
    };
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    return acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
  }
}
