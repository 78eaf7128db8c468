package dev.braeburn.server.engine;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code X-Request-ID} values: version-4 UUIDs, as Apple's look. They only have to be unique, not
 * unguessable, so they come from {@link ThreadLocalRandom}; {@link UUID#randomUUID()} draws from
 * {@code SecureRandom} and cost ~4 % of a cached GET (benchmarks §4).
 */
public final class RequestIds {
  private RequestIds() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }
}
