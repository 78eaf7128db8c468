package dev.braeburn.server.family;

import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;

/**
 * A family of real behaviour (uploads and builds, TestFlight, webhooks, review …) plugged into the
 * engine at start: it registers handlers for the operations it owns (the rest stay generic), kinds
 * of scheduled work, and the few non-API routes it serves (upload URLs, image URLs).
 */
public interface Family {
  void install(FamilyContext context);

  /** The family's admin routes by first path segment under {@code /_braeburn/}; none by default. */
  default java.util.Map<String, dev.braeburn.server.http.RequestHandler> adminRoutes() {
    return java.util.Map.of();
  }

  /**
   * Called inside the transaction of every resource load — {@code POST /_braeburn/resources}, a
   * seed, a team's reference catalogues — with the resources it wrote (attributes as loaded, links
   * made): a family schedules the work its loaded in-flight resources need, as its own writes would
   * have (a version waiting for review, a phased release running). Throwing rolls the load back.
   * Snapshot loads do not call it: a snapshot carries its scheduled tasks. Nothing by default.
   */
  default void afterLoad(StoreTx tx, List<Resource> loaded) {}
}
