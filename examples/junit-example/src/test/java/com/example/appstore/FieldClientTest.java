package com.example.appstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.client.api.AppStoreConnectClient;
import dev.braeburn.junit.Braeburn;
import dev.braeburn.junit.BraeburnInstance;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @Braeburn} on fields instead of the class: the server for the class, and a client for each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // only so the isolation test runs second
class FieldClientTest {
  @Braeburn static BraeburnInstance braeburn;
  @Braeburn AppStoreConnectClient client;

  @Test
  @Order(1)
  void createsABundleIdWithTheFieldsClient() {
    ObjectNode attributes = AppStoreConnectClient.attributes()
        .put("identifier", "com.example.fields").put("name", "Fields").put("platform", "IOS");
    client.create("bundleIds", attributes, Map.of());

    assertEquals(1, client.all("/v1/bundleIds", Map.of("filter[identifier]", "com.example.fields")).size());
  }

  @Test
  @Order(2)
  void startsFromTheStateAfterStartAgain() {
    assertEquals(0, client.all("/v1/bundleIds", Map.of("filter[identifier]", "com.example.fields")).size());
    assertEquals(braeburn.keyId(), braeburn.apiKey().keyId());
  }
}
