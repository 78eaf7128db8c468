package dev.braeburn.server.family.uploads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Creates the build that a processed upload becomes (there is no {@code POST /v1/builds}): the
 * {@code builds} resource (protocol.md §7.1) linked to the app, to its pre-release version (found
 * or created by version and platform) and to the upload both ways (§6.3: clients match
 * {@code builds.buildUpload} and {@code buildUploads.build}); its icon; its beta details.
 */
final class BuildFactory {
  private static final String MAC_OS = "MAC_OS";

  private final EngineServices services;
  private final Related related;
  private final AssetImages images;

  BuildFactory(EngineServices services, Related related, AssetImages images) {
    this.services = services;
    this.related = related;
    this.images = images;
  }

  /** {@code archive} is null for uploads that are not inspected (.pkg): the declared values stand. */
  Resource create(StoreTx tx, Resource upload, Resource app, AppArchive archive, String baseUrl) {
    ObjectNode u = upload.attributes();
    Instant uploaded = u.hasNonNull("uploadedDate") ? Instant.parse(u.path("uploadedDate").asText())
        : services.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    String platform = u.path("platform").asText();
    ObjectNode a = services.mapper().createObjectNode();
    a.put("version", u.path("cfBundleVersion").asText());
    a.put("uploadedDate", uploaded.toString());
    a.put("expirationDate", uploaded.plus(BuildProcessing.LIFETIME).toString());
    a.put("expired", false);
    a.put("minOsVersion", archive == null || platform.equals(MAC_OS) ? null : archive.minimumOsVersion());
    a.put("lsMinimumSystemVersion", archive == null || !platform.equals(MAC_OS) ? null : archive.lsMinimumSystemVersion());
    a.put("processingState", "PROCESSING");
    a.put("buildAudienceType", "APP_STORE_ELIGIBLE");
    a.put("usesNonExemptEncryption", archive == null ? null : archive.usesNonExemptEncryption());
    // One observation has a build share its upload's id (reports-webhooks.md §4); keep that unless taken.
    String id = tx.find("builds", upload.id()).isPresent() ? services.ids().next("builds") : upload.id();
    Resource build = tx.insert("builds", id, a);
    if (app != null) {
      related.add(tx, build, "app", app);
      related.add(tx, build, "preReleaseVersion", preReleaseVersion(tx, app, u.path("cfBundleShortVersionString").asText(), platform));
    }
    related.add(tx, build, "buildUpload", upload);
    addIcon(tx, build, app, archive, baseUrl);
    addBetaDetail(tx, build);
    return tx.find("builds", id).orElseThrow();
  }

  private Resource preReleaseVersion(StoreTx tx, Resource app, String version, String platform) {
    for (Resource v : related.all(tx, app, "preReleaseVersions")) {
      if (version.equals(v.attributes().path("version").asText()) && platform.equals(v.attributes().path("platform").asText())) {
        return v;
      }
    }
    ObjectNode attributes = services.mapper().createObjectNode().put("version", version).put("platform", platform);
    Resource created = tx.insert("preReleaseVersions", services.ids().next("preReleaseVersions"), attributes);
    related.add(tx, created, "app", app);
    return tx.find(created.type(), created.id()).orElseThrow();
  }

  /** The archive's icon when it has a decodable one, else a generated one; the same ImageAsset for iconAssetToken and buildIcons. */
  private void addIcon(StoreTx tx, Resource build, Resource app, AppArchive archive, String baseUrl) {
    AppArchive.Icon icon = archive == null ? null : archive.appIcon().orElse(null);
    if (icon == null) {
      String label = app == null ? "App" : app.attributes().path("name").asText("App");
      byte[] png = ImageRendering.encode(ImageRendering.generatedIcon(label), "png");
      icon = new AppArchive.Icon(png, ImageRendering.GENERATED_SIDE, ImageRendering.GENERATED_SIDE, "AppIcon.png");
    }
    ObjectNode asset = images.publish(tx, "builds", build.id(), icon.bytes(), icon.width(), icon.height(), icon.name(), baseUrl);
    ObjectNode attributes = tx.find("builds", build.id()).orElseThrow().attributes().deepCopy();
    attributes.set("iconAssetToken", asset.deepCopy());
    tx.updateAttributes(build, attributes);
    ObjectNode iconAttributes = services.mapper().createObjectNode();
    iconAttributes.set("iconAsset", asset);
    iconAttributes.put("iconType", "APP_STORE");
    iconAttributes.put("masked", false);
    iconAttributes.put("name", icon.name().replaceFirst("\\.png$", ""));
    Resource iconResource = tx.insert("buildIcons", services.ids().next("buildIcons"), iconAttributes);
    related.add(tx, build, "icons", iconResource);
  }

  private void addBetaDetail(StoreTx tx, Resource build) {
    ObjectNode attributes = services.mapper().createObjectNode();
    attributes.put("autoNotifyEnabled", false);
    attributes.put("internalBuildState", "PROCESSING");
    attributes.put("externalBuildState", "PROCESSING");
    String id = tx.find("buildBetaDetails", build.id()).isPresent() ? services.ids().next("buildBetaDetails") : build.id();
    Resource detail = tx.insert("buildBetaDetails", id, attributes);
    related.add(tx, build, "buildBetaDetail", detail);
  }
}
