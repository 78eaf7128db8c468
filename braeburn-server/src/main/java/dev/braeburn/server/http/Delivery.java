package dev.braeburn.server.http;

/**
 * How the transport hands a response to the client. Anything but {@link #WHOLE} is an injected
 * network fault (see {@code faults.FaultInjector}): a client must survive a connection that ends
 * early, and only the transport can end one.
 */
public enum Delivery {
  /** Status, headers and the whole body, as always. */
  WHOLE,
  /** The connection is closed before anything is written: the client sees no response at all. */
  DROP,
  /** Status and headers with the full {@code Content-Length}, then half the body, then the connection closes. */
  TRUNCATE
}
