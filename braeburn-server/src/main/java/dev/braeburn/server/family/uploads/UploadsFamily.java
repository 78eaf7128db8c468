package dev.braeburn.server.family.uploads;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.AssetChanges;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.jsonapi.ErrorWriter;
import dev.braeburn.server.store.UploadStore;

/**
 * Build uploads and what becomes of them (issue 5): reservations with upload operations, the
 * upload URLs themselves ({@code /_uploads/}), commits with checksums, processing on the virtual
 * clock into builds with icons and beta details, and the image URLs ({@code /_assets/}) that
 * ImageAsset templates point at. Details: docs/uploads.md.
 */
public final class UploadsFamily implements Family {
  private final AssetChanges changes;

  /** {@code changes} hears of every media asset reserved, committed or processed, in the writing transaction. */
  public UploadsFamily(AssetChanges changes) {
    this.changes = changes;
  }

  public UploadsFamily() {
    this(AssetChanges.NONE);
  }

  @Override
  public void install(FamilyContext context) {
    System.setProperty("java.awt.headless", "true"); // icons are drawn and scaled without a display
    EngineServices services = context.services();
    UploadStore uploads = services.store().uploads();
    ErrorWriter errors = new ErrorWriter(services.mapper());
    Related related = new Related(services);
    BuildLifecycle lifecycle = new BuildLifecycle(services.mapper(), context.events(), related);
    Reservations reservations = new Reservations(uploads, services.clock(), services.mapper());
    Commits commits = new Commits(uploads, services.clock());
    AssetImages images = new AssetImages(uploads, services.mapper());
    BuildProcessing processing = new BuildProcessing(services, related, lifecycle, new BuildFactory(services, related, images));

    BuildUploadHandlers buildUploads = new BuildUploadHandlers(services, related, lifecycle);
    BuildUploadFileHandlers files = new BuildUploadFileHandlers(services, related, reservations, commits, lifecycle);
    BuildUpdates builds = new BuildUpdates(processing, lifecycle, related);
    context.handlers()
        .register("buildUploads_createInstance", buildUploads::create)
        .register("buildUploads_deleteInstance", buildUploads::delete)
        .register("buildUploadFiles_createInstance", files::create)
        .register("buildUploadFiles_updateInstance", files::commit)
        .register("builds_updateInstance", builds::update);
    context.scheduler()
        .register(BuildProcessing.PROCESS, processing::process)
        .register(BuildProcessing.FINISH, processing::finish)
        .register(BuildProcessing.EXPIRE, processing::expire);
    MediaAssets media = new MediaAssets(services, reservations, commits, lifecycle, images, changes);
    media.register(context.handlers());
    context.scheduler().register(MediaAssets.PROCESS, media::process);
    context.routes().register(Reservations.PREFIX, new UploadPartRoute(services.store(), services.clock(), errors));
    context.routes().register(AssetImages.PREFIX, new AssetImageRoute(services.store(), errors));
  }
}
