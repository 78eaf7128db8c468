package dev.braeburn.server.family;

import java.util.List;

/**
 * The families every server installs, in order. A family that is also {@link WebhookEvents} (the
 * webhooks family) comes first: the others announce their changes through it.
 */
public final class Families {
  private Families() {}

  public static List<Family> all() {
    return List.of();
  }
}
