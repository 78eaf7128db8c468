package dev.braeburn.server.family.storekit.notifications;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A notification's {@code data.bundleVersion} (server-api.md §3.6): the build version
 * (CFBundleVersion, a build's {@code version} attribute) of the app customers run. Read from the
 * catalogue: the build of the app's live version (appStoreState READY_FOR_SALE), else its latest
 * VALID build; none when the app has no build at all [INFER: Apple names the app's bundle version
 * but not which build when several platforms are live — Braeburn takes the latest uploaded].
 */
final class AppBuildVersion {
  private static final Set<String> LIVE = Set.of("READY_FOR_SALE", "READY_FOR_DISTRIBUTION");
  private final Graph graph;

  AppBuildVersion(EngineServices services) {
    this.graph = new Graph(services);
  }

  Optional<String> of(StoreTx tx, Resource app) {
    List<Resource> live = graph.related(tx, app, "appStoreVersions").stream()
        .filter(v -> LIVE.contains(v.attributes().path("appStoreState").asText())
            || LIVE.contains(v.attributes().path("appVersionState").asText()))
        .flatMap(v -> graph.relatedOne(tx, v, "build").stream()).toList();
    List<Resource> candidates = !live.isEmpty() ? live : graph.related(tx, app, "builds").stream()
        .filter(b -> b.attributes().path("processingState").asText("VALID").equals("VALID")).toList();
    return candidates.stream().max(Comparator.comparing(AppBuildVersion::uploaded))
        .map(b -> b.attributes().path("version").asText(null)).filter(v -> v != null && !v.isBlank());
  }

  private static Instant uploaded(Resource build) {
    return Graph.dateTime(build, "uploadedDate").orElse(Instant.EPOCH);
  }
}
