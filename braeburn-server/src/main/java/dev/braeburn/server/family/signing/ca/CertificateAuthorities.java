package dev.braeburn.server.family.signing.ca;

import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoreTx;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Gets Braeburn's certificate authority from the store, making it on first use. Making is
 * race-safe across instances on one database: each inserts its own only if none is stored and then
 * reads back the stored one ({@link Store#saveCertificateAuthority}), so every instance signs with
 * the same keys.
 *
 * <p>The stored authority changes only when a snapshot that carries one is loaded (docs/snapshots.md),
 * on this instance or on another on the same database; so every {@link #get} reads the stored
 * document (one row) and parses it again only when it differs from the one this holder parsed last.
 */
public final class CertificateAuthorities {
  private final Store store;
  private final Clock wall;
  private volatile Parsed cached;

  private record Parsed(String document, CertificateAuthority authority) {}

  public CertificateAuthorities(Store store, Clock wall) {
    this.store = store;
    this.wall = wall;
  }

  /** The stored authority (made and stored first if there is none), read in a transaction of its own. */
  public CertificateAuthority get() {
    return parsed(stored(store.certificateAuthority(), store::saveCertificateAuthority));
  }

  /** The authority as {@code tx} sees it, made and stored in {@code tx} if there is none (work inside a write transaction). */
  public CertificateAuthority get(StoreTx tx) {
    return parsed(stored(tx.certificateAuthority(), tx::saveCertificateAuthority));
  }

  /**
   * Checks that {@code document} is a complete authority document (a snapshot's, before it is
   * loaded): every authority's certificate and private key. Throws {@link IllegalStateException}
   * saying what is wrong.
   */
  public static void check(String document) {
    try {
      AuthorityDocument.read(document);
    } catch (RuntimeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private String stored(Optional<String> document, UnaryOperator<String> save) {
    return document.orElseGet(() -> save.apply(AuthorityDocument.write(AuthorityMaker.make(wall.instant()))));
  }

  private CertificateAuthority parsed(String document) {
    Parsed last = cached;
    if (last == null || !last.document().equals(document)) {
      last = new Parsed(document, new CertificateAuthority(AuthorityDocument.read(document)));
      cached = last;
    }
    return last.authority();
  }
}
