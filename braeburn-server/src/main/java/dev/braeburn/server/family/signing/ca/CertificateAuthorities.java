package dev.braeburn.server.family.signing.ca;

import dev.braeburn.server.store.Store;
import java.time.Clock;

/**
 * Gets Braeburn's certificate authority from the store, making it on first use. Making is
 * race-safe across instances on one database: each inserts its own only if none is stored and then
 * reads back the stored one ({@link Store#saveCertificateAuthority}), so every instance signs with
 * the same keys. The authority never changes once stored, so each holder caches it.
 */
public final class CertificateAuthorities {
  private final Store store;
  private final Clock wall;
  private volatile CertificateAuthority cached;

  public CertificateAuthorities(Store store, Clock wall) {
    this.store = store;
    this.wall = wall;
  }

  public CertificateAuthority get() {
    CertificateAuthority ca = cached;
    if (ca == null) {
      synchronized (this) {
        ca = cached;
        if (ca == null) {
          String document = store.certificateAuthority()
              .orElseGet(() -> store.saveCertificateAuthority(AuthorityDocument.write(AuthorityMaker.make(wall.instant()))));
          ca = new CertificateAuthority(AuthorityDocument.read(document));
          cached = ca;
        }
      }
    }
    return ca;
  }
}
