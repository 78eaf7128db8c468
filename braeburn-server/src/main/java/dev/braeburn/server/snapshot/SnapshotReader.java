package dev.braeburn.server.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.braeburn.server.auth.Roles;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.store.ApiKey;
import dev.braeburn.server.store.StateSink;
import dev.braeburn.server.store.StoredLink;
import dev.braeburn.server.store.StoredResource;
import dev.braeburn.server.store.StoredTask;
import dev.braeburn.server.clock.ClockSetting;
import dev.braeburn.server.store.Team;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Reads a snapshot document as a stream: first its header (so that a wrong format or a newer
 * version is refused before anything is touched), then its rows, one record at a time, into a
 * {@link StateSink}. Only one record is ever held as a tree. Everything is checked on the way:
 * JSON types, required and unknown fields, section order, and that nothing follows the document.
 */
final class SnapshotReader {
  private static final List<Set<String>> FIELDS = List.of(
      Set.of("issuerId", "name", "createdAt", "agreementsMissing", "teamId", "programMembership"),
      Set.of("keyId", "issuerId", "name", "type", "roles", "publicKey", "createdAt", "revokedAt", "hourlyLimit"),
      Set.of("issuerId", "type", "id", "createdAt", "updatedAt", "attributes"),
      Set.of("issuerId", "sourceType", "sourceId", "relationship", "targetType", "targetId"),
      Set.of("issuerId", "kind", "dueAt", "attempt", "payload"));

  private final JsonParser json;
  private final ObjectMapper mapper;
  /** Decimals as written ("1.50" stays "1.50"): a snapshot must not round what it carries. */
  private final ObjectReader trees;
  private final long[] counts = new long[SnapshotFormat.SECTIONS.size()];
  private String firstSection;
  private int version;

  SnapshotReader(JsonParser json, ObjectMapper mapper) {
    this.json = json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.mapper = mapper;
    this.trees = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  }

  SnapshotHeader header() {
    try {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw SnapshotException.invalid("", "a snapshot is a JSON object starting with \"format\": \"" + SnapshotFormat.FORMAT + "\"");
      }
      if (!"format".equals(nextField()) || json.nextToken() != JsonToken.VALUE_STRING || !SnapshotFormat.FORMAT.equals(json.getText())) {
        throw SnapshotException.invalid("/format", "this is not a Braeburn snapshot: it must start with \"format\": \""
            + SnapshotFormat.FORMAT + "\"");
      }
      version = version();
      Instant createdAt = null;
      ClockSetting clock = null;
      String scope = null;
      String issuerId = null;
      String authority = null;
      String field;
      while ((field = nextField()) != null && !SnapshotFormat.sections(version).contains(field)) {
        switch (field) {
          case "createdAt" -> createdAt = headerInstant();
          case "scope" -> scope = headerText("scope");
          case "issuerId" -> issuerId = headerText("issuerId");
          case "clock" -> clock = clock();
          case "certificateAuthority" -> authority = certificateAuthority();
          default -> throw unknownField(field);
        }
      }
      firstSection = field;
      if (clock != null && issuerId != null) {
        throw SnapshotException.invalid("/clock", "only a snapshot of the whole server carries the clock; teams share it");
      }
      if (authority != null && issuerId != null) {
        throw SnapshotException.invalid("/certificateAuthority",
            "only a snapshot of the whole server carries the certificate authority; teams share it");
      }
      return header(version, createdAt, scope, issuerId, clock, authority);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** Every row into {@code sink}, section by section; then checks that the document ends. */
  void rows(StateSink sink) {
    try {
      List<String> sections = SnapshotFormat.sections(version);
      for (int s = 0; s < sections.size(); s++) {
        String section = sections.get(s);
        String field = s == 0 ? firstSection : nextField();
        if (!section.equals(field)) {
          throw misplaced(section, field);
        }
        if (json.nextToken() != JsonToken.START_ARRAY) {
          throw SnapshotException.invalid("/" + section, "'" + section + "' must be an array");
        }
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
          String pointer = "/" + section + "/" + counts[s];
          if (token != JsonToken.START_OBJECT) {
            throw SnapshotException.invalid(pointer, "each entry of '" + section + "' must be a JSON object");
          }
          JsonNode record = trees.readTree(json);
          deliver(s, new RecordFields(record, pointer, FIELDS.get(s)), sink);
          counts[s]++;
        }
      }
      String after = nextField();
      if (after != null) {
        throw SnapshotFormat.sections(version).contains(after) ? misplaced(after, after) : unknownField(after);
      }
      if (json.nextToken() != null) {
        throw SnapshotException.invalid("", "there is more after the snapshot's closing brace");
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  SnapshotSummary summary(SnapshotHeader header) {
    return new SnapshotSummary(header.scope(), header.issuerId(), counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

  /** A team's {@code teamId}: optional (snapshots before issue 14 have none), else ten letters and digits. */
  private static String teamId(RecordFields f) {
    String teamId = f.optionalText("teamId");
    if (teamId != null && !Team.isTeamId(teamId)) {
      throw f.invalid("teamId", "'teamId' must be ten upper-case letters and digits, not '" + teamId + "'");
    }
    return teamId;
  }

  /** Optional (snapshots from before issue 14 have none: ACTIVE), one of {@link Team#MEMBERSHIPS}. */
  private static String membership(RecordFields f) {
    String membership = f.optionalText("programMembership");
    if (membership == null) {
      return Team.ACTIVE;
    }
    if (!Team.MEMBERSHIPS.contains(membership)) {
      throw f.invalid("programMembership", "'programMembership' must be one of " + Team.MEMBERSHIPS + ", not '" + membership + "'");
    }
    return membership;
  }

  private void deliver(int section, RecordFields f, StateSink sink) throws IOException {
    switch (section) {
      case 0 -> sink.team(new Team(f.text("issuerId"), f.string("name"), f.instant("createdAt"), f.bool("agreementsMissing"), teamId(f), membership(f)));
      case 1 -> sink.key(key(f));
      case 2 -> sink.resource(new StoredResource(f.text("issuerId"), f.text("type"), f.text("id"),
          mapper.writeValueAsString(f.object("attributes")), f.instant("createdAt"), f.instant("updatedAt")));
      case 3 -> sink.link(new StoredLink(f.text("issuerId"), f.text("sourceType"), f.text("sourceId"), f.text("relationship"),
          f.text("targetType"), f.text("targetId")));
      default -> sink.task(new StoredTask(f.text("issuerId"), f.text("kind"), f.instant("dueAt"), attempt(f),
          mapper.writeValueAsString(f.object("payload"))));
    }
  }

  private static ApiKey key(RecordFields f) {
    String type = f.text("type");
    if (!ApiKey.TYPES.contains(type)) { // In-App Purchase and Sign in with Apple keys travel too: their tokens must still verify after a load
      throw f.invalid("type", "'type' must be one of " + ApiKey.TYPES + ", not '" + type + "'");
    }
    boolean roleless = type.equals(ApiKey.IN_APP_PURCHASE) || type.equals(ApiKey.SIGN_IN_WITH_APPLE);
    List<String> roles = roleless ? f.none("roles") : f.texts("roles");
    for (String role : roles) {
      if (!Roles.ALL.contains(role)) {
        throw f.invalid("roles", "'" + role + "' is not a role; expected one of " + Roles.ALL);
      }
    }
    return new ApiKey(f.text("keyId"), f.text("issuerId"), f.string("name"), roles, type, publicKey(f), f.instant("createdAt"),
        f.optionalInstant("revokedAt"), f.optionalCount("hourlyLimit"));
  }

  /** Checked now: a key that cannot verify tokens would otherwise fail every request that names it. */
  private static String publicKey(RecordFields f) {
    String text = f.text("publicKey");
    try {
      KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
      return text;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw f.invalid("publicKey", "'publicKey' must be an EC public key, base64 of its X.509 encoding");
    }
  }

  private static int attempt(RecordFields f) {
    Integer attempt = f.optionalCount("attempt");
    if (attempt == null) {
      throw f.invalid("attempt", "'attempt' must be a whole number ≥ 0");
    }
    return attempt;
  }

  /** {@code {"offsetMillis": n, "frozenAt": instant|null}}: the virtual clock of the whole server. */
  private ClockSetting clock() throws IOException {
    if (version < 2) {
      throw unknownField("clock");
    }
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw SnapshotException.invalid("/clock", "'clock' must be an object {\"offsetMillis\", \"frozenAt\"}");
    }
    RecordFields f = new RecordFields(trees.readTree(json), "/clock", Set.of("offsetMillis", "frozenAt"));
    return new ClockSetting(java.time.Duration.ofMillis(f.wholeNumber("offsetMillis")), f.optionalInstant("frozenAt"));
  }

  /**
   * Version 3 on: Braeburn's certificate authority as stored (its certificates and private keys),
   * checked whole now so that a load cannot leave the server with an authority it cannot sign with.
   */
  private String certificateAuthority() throws IOException {
    if (version < 3) {
      throw unknownField("certificateAuthority");
    }
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw SnapshotException.invalid("/certificateAuthority", "'certificateAuthority' must be an object {\"version\", \"authorities\"}");
    }
    String document = mapper.writeValueAsString(trees.readTree(json));
    try {
      CertificateAuthorities.check(document);
    } catch (IllegalStateException e) {
      throw SnapshotException.invalid("/certificateAuthority", e.getMessage());
    }
    return document;
  }

  private int version() throws IOException {
    if (!"version".equals(nextField())) {
      throw SnapshotException.invalid("/version", "'version' must follow 'format'");
    }
    if (json.nextToken() != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT) {
      throw SnapshotException.invalid("/version", "'version' must be an integer");
    }
    int version = json.getIntValue();
    if (version > SnapshotFormat.VERSION) {
      throw SnapshotException.invalid("/version", "this snapshot has format version " + version + "; this Braeburn reads versions 1 to "
          + SnapshotFormat.VERSION + " — load it with a newer Braeburn");
    }
    if (version < 1) {
      throw SnapshotException.invalid("/version", "format version " + version + " does not exist; versions start at 1");
    }
    return version;
  }

  private static SnapshotHeader header(int version, Instant createdAt, String scope, String issuerId, ClockSetting clock,
      String authority) {
    if (createdAt == null) {
      throw SnapshotException.invalid("/createdAt", "the header needs 'createdAt' before the sections");
    }
    if (SnapshotFormat.SERVER.equals(scope) && issuerId == null || SnapshotFormat.TEAM.equals(scope) && issuerId != null) {
      return new SnapshotHeader(version, createdAt, issuerId, clock, authority);
    }
    if (SnapshotFormat.SERVER.equals(scope)) {
      throw SnapshotException.invalid("/issuerId", "a snapshot of the whole server has no 'issuerId'");
    }
    if (SnapshotFormat.TEAM.equals(scope)) {
      throw SnapshotException.invalid("/issuerId", "a team snapshot needs the team's 'issuerId' before the sections");
    }
    throw SnapshotException.invalid("/scope", "'scope' must be \"server\" or \"team\" and come before the sections");
  }

  private String headerText(String field) throws IOException {
    if (json.nextToken() != JsonToken.VALUE_STRING || json.getText().isEmpty()) {
      throw SnapshotException.invalid("/" + field, "'" + field + "' must be a non-empty string");
    }
    return json.getText();
  }

  private Instant headerInstant() throws IOException {
    String text = headerText("createdAt");
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw SnapshotException.invalid("/createdAt", "'createdAt' must be an ISO-8601 instant, not '" + text + "'");
    }
  }

  /** The next field name of the current object, or null at its end. */
  private String nextField() throws IOException {
    JsonToken token = json.nextToken();
    if (token == JsonToken.END_OBJECT) {
      return null;
    }
    if (token != JsonToken.FIELD_NAME) {
      throw SnapshotException.malformed("the snapshot ends early (is the file truncated?)");
    }
    return json.currentName();
  }

  private SnapshotException misplaced(String expected, String found) {
    List<String> sections = SnapshotFormat.sections(version);
    if (found == null) {
      return SnapshotException.invalid("/" + expected, "the snapshot has no '" + expected + "' section; a version-" + version
          + " snapshot has " + String.join(", ", sections) + ", in that order");
    }
    if (sections.contains(found)) {
      return SnapshotException.invalid("/" + found, "sections must come in the order " + String.join(", ", sections)
          + " and each once; found '" + found + "' where '" + expected + "' belongs");
    }
    return unknownField(found);
  }

  private SnapshotException unknownField(String field) {
    return SnapshotException.invalid("/" + field, "'" + field + "' is not a field of a version-" + version
        + " snapshot; header fields are format, version, createdAt, scope, issuerId" + (version >= 2 ? ", clock" : "")
        + (version >= 3 ? ", certificateAuthority" : "")
        + " and the sections " + String.join(", ", SnapshotFormat.sections(version)));
  }

  private static RuntimeException unreadable(IOException e) {
    if (e instanceof JsonEOFException || e instanceof EOFException) {
      return SnapshotException.malformed("the snapshot ends early (is the file truncated?)");
    }
    if (e instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      return SnapshotException.malformed("the snapshot is not valid JSON: " + json.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (e instanceof ZipException) {
      return SnapshotException.malformed("the snapshot is not valid gzip: " + e.getMessage());
    }
    return new UncheckedIOException(e);
  }
}
