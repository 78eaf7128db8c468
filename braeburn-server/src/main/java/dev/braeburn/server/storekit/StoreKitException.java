package dev.braeburn.server.storekit;

/**
 * A refusal of the App Store Server API: Apple's numbered error (status, {@code errorCode},
 * {@code errorMessage}) and Braeburn's plain reason for the {@code X-Braeburn-Diagnosis} header and
 * the journal.
 */
public final class StoreKitException extends RuntimeException {
  private final StoreKitErrors.Error error;
  private final String retryAfter;

  public StoreKitException(long code, String diagnosis) {
    this(code, diagnosis, null);
  }

  /** {@code retryAfter}: the {@code Retry-After} header of a 429 (epoch milliseconds, server-api.md §4.1). */
  public StoreKitException(long code, String diagnosis, String retryAfter) {
    super(diagnosis, null, false, false);
    this.error = StoreKitErrors.of(code);
    this.retryAfter = retryAfter;
  }

  public StoreKitErrors.Error error() {
    return error;
  }

  public String retryAfter() {
    return retryAfter;
  }
}
