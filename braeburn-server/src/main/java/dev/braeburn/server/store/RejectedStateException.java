package dev.braeburn.server.store;

/**
 * Rows handed to {@link Store#importState} that the store cannot hold — a resource twice, a link
 * to a resource that is not there, a key already used by another team. {@code pointer} names the
 * row as a JSON pointer into the snapshot ({@code /links/17}); the import rolls back.
 */
public final class RejectedStateException extends RuntimeException {
  private final String pointer;

  public RejectedStateException(String pointer, String detail) {
    super(detail, null, false, false);
    this.pointer = pointer;
  }

  public String pointer() {
    return pointer;
  }
}
