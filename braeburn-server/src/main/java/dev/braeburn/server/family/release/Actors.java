package dev.braeburn.server.family.release;

import dev.braeburn.server.auth.Principal;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Who submitted or last changed a review submission: the spec's {@code actors} resource
 * ({@code actorType} USER, API_KEY, XCODE_CLOUD, APPLE). A request through the API acts as its API
 * key — actorType API_KEY with its {@code apiKeyId} [INFER: Apple's actors of API-key calls are
 * unrecorded]. The actor is made the first time a key acts, with an id derived from the key id,
 * so the same key is always the same actor.
 */
final class Actors {
  static final String TYPE = "actors";

  private final Release release;

  Actors(Release release) {
    this.release = release;
  }

  Resource of(StoreTx tx, Principal principal) {
    String id = UUID.nameUUIDFromBytes(("actors/API_KEY/" + principal.keyId()).getBytes(StandardCharsets.UTF_8)).toString();
    return tx.find(TYPE, id).orElseGet(() ->
        tx.insert(TYPE, id, release.graph().object().put("actorType", "API_KEY").put("apiKeyId", principal.keyId())));
  }
}
