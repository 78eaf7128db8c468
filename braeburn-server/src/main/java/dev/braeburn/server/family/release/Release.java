package dev.braeburn.server.family.release;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.family.WebhookEvents;

/**
 * What every part of the release family works with: the engine's services, the graph helpers,
 * the webhook events, the App Review settings, and the version state moves every part shares.
 */
record Release(EngineServices services, Graph graph, WebhookEvents events, ReviewSettings settings, VersionStates versions,
    AppInfos appInfos) {

  static Release of(EngineServices services, WebhookEvents events, ReviewSettings settings) {
    Graph graph = new Graph(services);
    AppInfos appInfos = new AppInfos(services, graph);
    return new Release(services, graph, events, settings, new VersionStates(services, graph, events, appInfos), appInfos);
  }
}
