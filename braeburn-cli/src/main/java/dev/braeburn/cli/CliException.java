package dev.braeburn.cli;

/** A user-facing failure of a command: printed as one line, exit code 1, no stack trace. */
final class CliException extends RuntimeException {
  CliException(String message) {
    super(message, null, false, false);
  }
}
