package dev.braeburn.server.storekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The App Store Server API's numbered errors as data ({@code braeburn/storekit/errors.json}: the
 * 87 codes and names of Apple's libraries, the messages Apple was recorded sending, the rest
 * inferred from the name). The HTTP status is the code's first three digits (server-api.md §1.2).
 */
public final class StoreKitErrors {
  public record Error(long code, String name, String message, boolean recorded) {
    public int status() {
      return (int) (code / 10_000);
    }
  }

  public static final long GENERAL_BAD_REQUEST = 4000000;
  public static final long INVALID_APP_IDENTIFIER = 4000002;
  public static final long INVALID_TRANSACTION_ID = 4000006;
  public static final long APP_NOT_FOUND = 4040003;
  public static final long TRANSACTION_ID_NOT_FOUND = 4040010;
  public static final long RATE_LIMIT_EXCEEDED = 4290000;
  public static final long GENERAL_INTERNAL = 5000000;

  private static final Map<Long, Error> BY_CODE = load();

  private StoreKitErrors() {}

  public static Error of(long code) {
    Error e = BY_CODE.get(code);
    if (e == null) {
      throw new IllegalArgumentException("no App Store Server API error " + code + " in errors.json");
    }
    return e;
  }

  public static Map<Long, Error> all() {
    return BY_CODE;
  }

  private static Map<Long, Error> load() {
    try (InputStream in = StoreKitErrors.class.getResourceAsStream("/braeburn/storekit/errors.json")) {
      Map<Long, Error> out = new TreeMap<>();
      for (JsonNode row : new ObjectMapper().readTree(in).path("errors")) {
        Error e = new Error(row.path("code").asLong(), row.path("name").asText(), row.path("message").asText(),
            row.path("recorded").asBoolean());
        out.put(e.code(), e);
      }
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("braeburn/storekit/errors.json is unreadable", e);
    }
  }
}
