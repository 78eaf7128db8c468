package dev.braeburn.server.family.storekit.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.commerce.offers.Eligibility;
import dev.braeburn.server.family.signing.ca.CertificateAuthorities;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.storekit.ServerNotifications;
import dev.braeburn.server.storekit.SignedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What every part of the purchase side works with: the engine's services, the signer of App Store
 * data (server-api.md §3.1), the notifications it announces through, offer eligibility and its
 * tables (storefront ids, renewal rates, simulator events).
 */
record PurchaseContext(EngineServices services, SignedData signer, CertificateAuthorities authorities,
    Supplier<ServerNotifications> notifications, Eligibility eligibility, JsonNode storefronts, JsonNode rates, JsonNode events) {

  static PurchaseContext create(EngineServices services, Supplier<ServerNotifications> notifications) {
    var mapper = services.mapper();
    return new PurchaseContext(services, new SignedData(mapper), new CertificateAuthorities(services.store(), Clock.systemUTC()),
        notifications, Eligibility.load(mapper), table("storefronts.json").path("storefronts"), table("renewal-rates.json"),
        table("subscription-events.json").path("events"));
  }

  /** Virtual now in epoch milliseconds: every date the purchase side writes (server-api.md §1.2). */
  long nowMillis() {
    return services.clock().instant().toEpochMilli();
  }

  Instant now() {
    return services.clock().instant();
  }

  ObjectNode object() {
    return services.mapper().createObjectNode();
  }

  /** The JWS of a decoded payload with {@code signedDate} = virtual now. */
  String sign(StoreTx tx, ObjectNode payload) {
    ObjectNode signed = payload.deepCopy().put("signedDate", nowMillis());
    return signer.sign(authorities.get(tx), signed);
  }

  /** The JWS of a payload that carries its own dates (an AppTransaction has no signedDate, §3.5). */
  String signAsIs(StoreTx tx, ObjectNode payload) {
    return signer.sign(authorities.get(tx), payload);
  }

  static JsonNode table(String name) {
    try (InputStream in = PurchaseContext.class.getResourceAsStream(name)) {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
