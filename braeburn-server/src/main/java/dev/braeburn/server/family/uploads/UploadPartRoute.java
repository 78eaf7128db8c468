package dev.braeburn.server.family.uploads;

import dev.braeburn.server.clock.VirtualClock;
import dev.braeburn.server.http.ApiRequest;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.UploadStore;
import java.util.Optional;

/**
 * {@code PUT /_uploads/{token}/{partNumber}}: one part of a reserved file, without a JWT — the
 * unguessable token is the credential, as Apple's presigned blob-store URLs are (protocol.md §6.2
 * step 3). Parts may come in any order and be sent again until the commit; the bytes go to the
 * database, so any instance sharing it accepts any part. Answers 200 with the part's MD5 as
 * {@code ETag}, as S3 does.
 */
final class UploadPartRoute implements RequestHandler {
  private final Store store;
  private final VirtualClock clock;
  private final ErrorWriter errors;

  UploadPartRoute(Store store, VirtualClock clock, ErrorWriter errors) {
    this.store = store;
    this.clock = clock;
    this.errors = errors;
  }

  @Override
  public ApiResponse handle(ApiRequest req) {
    if (!req.method().equals("PUT")) {
      return errors.render(java.util.List.of(Errors.methodNotAllowed(req.method(), req.path())));
    }
    String[] segments = req.path().substring(Reservations.PREFIX.length()).split("/");
    Integer part = segments.length == 2 ? partNumber(segments[1]) : null;
    if (part == null) {
      return error(UploadErrors.unknownUrl(req.path()));
    }
    String token = segments[0];
    // The token names its team: look it up outside any team, then write inside the team's transaction.
    Optional<UploadStore.StoredFile> found = store.read("", tx -> store.uploads().byToken(tx, token));
    if (found.isEmpty() || !found.get().purpose().equals(UploadStore.UPLOAD) || part > found.get().partCount()) {
      return error(UploadErrors.unknownUrl(req.path()));
    }
    byte[] body = req.body() == null ? new byte[0] : req.body();
    String md5 = Tokens.md5Hex(body);
    ApiError refused = store.write(found.get().teamId(), tx -> {
      // Read again under the team's write lock: a commit running meanwhile must not miss or gain a part.
      UploadStore.StoredFile file = store.uploads().byToken(tx, token).orElse(null);
      if (file == null) {
        return UploadErrors.unknownUrl(req.path());
      }
      if (clock.instant().isAfter(file.expiresAt())) {
        return UploadErrors.expired(file.expiresAt().toString());
      }
      if (file.committed()) {
        return UploadErrors.alreadyCommitted();
      }
      if (body.length != file.partLength(part)) {
        return UploadErrors.wrongPartLength(body.length, file.partLength(part));
      }
      store.uploads().putPart(tx, token, part, body, md5);
      return null;
    });
    if (refused != null) {
      return error(refused);
    }
    return ApiResponse.noContent(200).withHeader("ETag", "\"" + md5 + "\"");
  }

  private static Integer partNumber(String text) {
    if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int n = Integer.parseInt(text);
    return n >= 1 ? n : null;
  }

  private ApiResponse error(ApiError error) {
    return UploadErrors.render(errors, error);
  }
}
