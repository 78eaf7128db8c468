package dev.braeburn.acceptance;

import org.junit.jupiter.api.BeforeEach;

/** A demo server per test with the product calls at hand and the clock frozen (reviews move only when a test advances it). */
abstract class CommerceServerTest extends DemoServerTest {
  static final String LEDGERLY = "1600000002"; // demo seed: approved in-app purchases and the Ledgerly Plus group
  static final String SLOW_HARBOR = "1600000003"; // demo seed: no products yet
  static final String DUPLICATE = "ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE";
  static final String DUPLICATE_TITLE = "The provided entity includes an attribute with a value that has already been used";

  CommerceCalls calls;

  @BeforeEach
  void commerce() {
    calls = new CommerceCalls(server);
    CommerceCalls.ok(server.admin("POST", "/_braeburn/clock/freeze", null, null));
  }
}
