package dev.braeburn.server.family.release;

import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;

/**
 * {@code POST /v1/appStoreVersionReleaseRequests} (review-pipeline.md §4.5): releases a MANUAL
 * version waiting in PENDING_DEVELOPER_RELEASE. The generic create links the version and the type
 * rules' create row refuses any other state; the release itself is {@link Releases#release}, in the
 * same transaction, so the 201 is answered with the version already live (as recorded: the API
 * showed READY_FOR_SALE right after the request, §4.2).
 */
final class ReleaseRequests {
  private final Releases releases;
  private final Release release;

  ReleaseRequests(Release release, Releases releases) {
    this.release = release;
    this.releases = releases;
  }

  void install(FamilyContext context) {
    context.handlers().register("appStoreVersionReleaseRequests_createInstance", this::create);
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource version = release.graph().relatedOne(tx, created, "appStoreVersion").orElseThrow(); // required, and checked by the create row
      releases.release(tx, version);
    });
  }
}
