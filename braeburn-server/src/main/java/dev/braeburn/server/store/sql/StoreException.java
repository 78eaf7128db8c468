package dev.braeburn.server.store.sql;

import java.sql.SQLException;

/** A database failure; the engine turns it into Apple's 500 and the transaction rolls back. */
public final class StoreException extends RuntimeException {
  StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
