package dev.braeburn.server.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's signed-in browsers: a random 256-bit session id (the HttpOnly, SameSite=Strict
 * cookie) mapped, in memory only, to a per-session form token that every state-changing form must
 * echo. In memory because a restart signing everyone out is harmless for a test tool, and nothing
 * derived from the admin token ever leaves the server. Sessions last 12 hours of wall time (not
 * the virtual clock, which tests advance by days).
 */
final class ConsoleSessions {
  static final Duration LIFETIME = Duration.ofHours(12);
  /** Beyond this many live sessions the oldest go: logins cannot grow memory without bound. */
  static final int MAX_SESSIONS = 1_000;

  /**
   * A signed-in browser. {@code keyDownload} holds a just-created key's private half until its one
   * download (App Store Connect, too, offers a key's .p8 once); a session never holds more.
   */
  record Session(String formToken, Instant expiresAt, AtomicReference<ConsoleKeys.KeyDownload> keyDownload) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock wall;

  ConsoleSessions(Clock wall) {
    this.wall = wall;
  }

  /** A new session; returns its id. */
  String open() {
    Instant now = wall.instant();
    sessions.values().removeIf(s -> s.expiresAt().isBefore(now));
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Session::expiresAt)))
          .ifPresent(oldest -> sessions.remove(oldest.getKey()));
    }
    String id = randomToken();
    sessions.put(id, new Session(randomToken(), now.plus(LIFETIME), new AtomicReference<>()));
    return id;
  }

  /** The live session with this id, or null. */
  Session find(String id) {
    if (id == null) {
      return null;
    }
    Session s = sessions.get(id);
    if (s == null || s.expiresAt().isBefore(wall.instant())) {
      return null;
    }
    return s;
  }

  void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
