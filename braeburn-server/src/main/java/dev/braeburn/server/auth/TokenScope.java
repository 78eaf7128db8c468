package dev.braeburn.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.QueryString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token's optional {@code scope} claim: the only requests the token may make. Apple's rules
 * (protocol.md §1.5): each entry is a method, a space, a path and an optional query; a request
 * matches when some entry has its method and path and the same query parameters, in any order,
 * ignoring {@code limit}, {@code cursor} and {@code sort}. A token without scope is unrestricted.
 *
 * <p>Leniency, documented: an entry path without a version segment ({@code GET /builds/{id}/app})
 * matches under any version, because Apple answered such entries while rejecting {@code /v1/…}
 * ones for a while (forum thread 707271).
 */
public final class TokenScope {
  public static final TokenScope UNRESTRICTED = new TokenScope(List.of());

  /** Query parameters Apple ignores when matching a request against a scope entry. */
  private static final Set<String> IGNORED_PARAMETERS = Set.of("limit", "cursor", "sort");

  /**
   * The resources whose GET-only scoped tokens may live up to six months (Apple's token doc and
   * the Xcode Cloud / metrics resource pages): Xcode Cloud's {@code ci*}/{@code scm*} resources
   * and the power and performance metrics and diagnostic logs.
   */
  static final Set<String> LONG_LIVED_RESOURCES = Set.of(
      "ciBuildActions", "ciBuildRuns", "scmGitReferences", "ciIssues", "ciMacOsVersions", "ciProducts", "scmProviders",
      "scmPullRequests", "scmRepositories", "ciTestResults", "ciWorkflows", "ciXcodeVersions",
      "perfPowerMetrics", "diagnosticSignatures", "diagnosticLogs");

  private static final Pattern ENTRY = Pattern.compile("([A-Z]+) (/[^?\\s]*)(?:\\?(\\S*))?");
  private static final Pattern VERSION = Pattern.compile("/v\\d+(/.*)");

  /** One parsed entry; {@code query} holds "name=value" pairs, sorted, without ignored names. */
  record Entry(String raw, String method, String path, boolean versioned, List<String> query) {}

  private final List<Entry> entries;

  private TokenScope(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Parses the claim; throws IllegalArgumentException with the reason when it is malformed. */
  static TokenScope parse(JsonNode claim) {
    if (claim == null || claim.isNull()) {
      return UNRESTRICTED;
    }
    if (!claim.isArray() || claim.isEmpty()) {
      throw new IllegalArgumentException("scope must be a non-empty array of strings like \"GET /v1/apps\", not " + claim);
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode item : claim) {
      Matcher m = item.isTextual() ? ENTRY.matcher(item.textValue()) : null;
      if (m == null || !m.matches()) {
        throw new IllegalArgumentException("scope entry " + item + " is not \"METHOD /path[?query]\"");
      }
      String path = trimSlash(m.group(2));
      entries.add(new Entry(item.textValue(), m.group(1), path, VERSION.matcher(path).matches(), normalized(m.group(3))));
    }
    return new TokenScope(entries);
  }

  public boolean restricted() {
    return !entries.isEmpty();
  }

  public List<String> entries() {
    return entries.stream().map(Entry::raw).toList();
  }

  /** Whether the request (raw path, raw query without '?') is one the scope lists. */
  public boolean matches(String method, String rawPath, String rawQuery) {
    if (!restricted()) {
      return true;
    }
    String path = trimSlash(rawPath);
    Matcher version = VERSION.matcher(path);
    String unversioned = version.matches() ? version.group(1) : path;
    List<String> query = normalized(rawQuery);
    for (Entry e : entries) {
      boolean pathMatches = e.versioned() ? e.path().equals(path) : e.path().equals(unversioned);
      if (e.method().equals(method) && pathMatches && e.query().equals(query)) {
        return true;
      }
    }
    return false;
  }

  /** Apple's six-month exception: a scope of GET entries only, each on a long-lived resource. */
  public boolean allowsLongLifetime() {
    return restricted() && entries.stream().allMatch(e -> e.method().equals("GET") && longLived(e.path()));
  }

  /** Whether an entry path addresses one of {@link #LONG_LIVED_RESOURCES}: as subject or as relationship. */
  static boolean longLived(String path) {
    Matcher version = VERSION.matcher(path);
    String[] segments = (version.matches() ? version.group(1) : path).substring(1).split("/");
    return LONG_LIVED_RESOURCES.contains(segments[0]) || LONG_LIVED_RESOURCES.contains(segments[segments.length - 1])
        || (segments[0].equals("diagnosticSignatures") && segments[segments.length - 1].equals("logs"));
  }

  private static List<String> normalized(String rawQuery) {
    try {
      return QueryString.parse(rawQuery).stream()
          .filter(p -> !IGNORED_PARAMETERS.contains(p.getKey()))
          .map(p -> p.getKey() + "=" + p.getValue())
          .sorted()
          .toList();
    } catch (ApiException e) {
      return List.of("\u0000unparseable=" + rawQuery); // never equal to a well-formed entry's query
    }
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public String toString() {
    return restricted() ? entries().toString() : "unrestricted";
  }

}
