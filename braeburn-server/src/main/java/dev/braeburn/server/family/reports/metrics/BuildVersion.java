package dev.braeburn.server.family.reports.metrics;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.List;
import java.util.Optional;

/**
 * What the metrics need of a build: its app, its marketing version (the {@code version} of its
 * pre-release version, else the {@code versionString} of its App Store version — the
 * CFBundleShortVersionString the usage model's app versions stand for) and its build number.
 * The app or version may be missing on a build made by hand; such a build has no metrics.
 */
record BuildVersion(Resource build, Resource app, String appVersion) {

  String buildNumber() {
    return build.attributes().path("version").asText("");
  }

  static BuildVersion of(EngineServices services, StoreTx tx, Resource build) {
    Resource app = one(services, tx, build, "app").orElse(null);
    String version = one(services, tx, build, "preReleaseVersion").map(v -> v.attributes().path("version").asText(null))
        .or(() -> one(services, tx, build, "appStoreVersion").map(v -> v.attributes().path("versionString").asText(null)))
        .orElse(null);
    return new BuildVersion(build, app, version);
  }

  private static Optional<Resource> one(EngineServices services, StoreTx tx, Resource source, String name) {
    Relationship rel = services.model().relationship(source.type(), name);
    if (rel == null) {
      return Optional.empty();
    }
    List<Linkage> targets = tx.linked(source.type(), source.id(), rel.storage());
    return targets.isEmpty() ? Optional.empty() : tx.findAll(List.of(targets.getFirst())).stream().findFirst();
  }
}
