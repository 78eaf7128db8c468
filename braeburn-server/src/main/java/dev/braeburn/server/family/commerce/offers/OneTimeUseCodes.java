package dev.braeburn.server.family.commerce.offers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One-time-use code batches ({@code subscriptionOfferCodeOneTimeUseCodes},
 * {@code inAppPurchaseOfferCodeOneTimeUseCodes}) and their {@code values} file.
 *
 * <p>A batch holds 1 to {@link #MAX_PER_BATCH} codes [INFER] and expires after today and at most six
 * months ahead (App Store Connect Help, "Set up offer codes": one-time codes expire up to six months
 * after creation). Its codes are made when it is created — 12 characters of Apple's unambiguous
 * alphabet [INFER: digits and capitals without 0, O, 1, I, as Apple's codes read], derived from the
 * batch id, so a batch's file is the same every time — and stored twice: the file
 * ({@value #FILES}, id = batch id, {@code codes} in order) and one index row per code
 * ({@value #CODES}, id = the code: {@code batchType}, {@code batchId}, {@code offerCodeId},
 * {@code expirationDate}, {@code environment}, {@code redeemedDate} null), which the App Store
 * Server API looks a redeemed code up in. The spec serves the file as {@code text/csv}; Braeburn
 * writes one code per line, no header [INFER: the file's layout is unrecorded; rorkai/App-Store-Connect-CLI#187
 * parses it as CSV].
 */
final class OneTimeUseCodes {
  static final String FILES = "_offerCodeFiles";
  static final String CODES = "_oneTimeUseOfferCodes";
  static final int MAX_PER_BATCH = 25_000;
  private static final Set<String> BATCH_TYPES = Set.of("subscriptionOfferCodeOneTimeUseCodes", "inAppPurchaseOfferCodeOneTimeUseCodes");
  private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final int LENGTH = 12;

  private final Offers offers;
  private final OfferCodes offerCodes;

  OneTimeUseCodes(Offers offers, OfferCodes offerCodes) {
    this.offers = offers;
    this.offerCodes = offerCodes;
  }

  void install(FamilyContext context) {
    context.handlers().register("subscriptionOfferCodeOneTimeUseCodes_createInstance", this::create)
        .register("inAppPurchaseOfferCodeOneTimeUseCodes_createInstance", this::create)
        .register("subscriptionOfferCodeOneTimeUseCodes_values_getToOneRelated", this::values)
        .register("inAppPurchaseOfferCodeOneTimeUseCodes_values_getToOneRelated", this::values);
  }

  ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, batch) -> {
      int count = batch.attributes().path("numberOfCodes").asInt(0);
      if (count < 1 || count > MAX_PER_BATCH) {
        throw OfferErrors.refuse(OfferErrors.numberOfCodes(MAX_PER_BATCH), "A one-time-use batch holds 1 to " + MAX_PER_BATCH
            + " codes (bound inferred; the app's 1,000,000 codes a quarter are counted apart, CodeQuota); " + count + " asked.");
      }
      LocalDate expires = Offers.date(batch, "expirationDate");
      LocalDate today = offers.today();
      if (expires != null && (!expires.isAfter(today) || expires.isAfter(today.plusMonths(6)))) {
        throw OfferErrors.refuse(OfferErrors.expiration("The expiration date must be in the future and no more than 6 months from today"),
            "Expiration date " + expires + " is outside (" + today + ", " + today.plusMonths(6) + "]: one-time codes expire within six"
                + " months of creation (App Store Connect Help; wording inferred).");
      }
      String environment = batch.attributes().path("environment").asText("PRODUCTION");
      Resource offer = offers.graph().relatedOne(tx, batch, "offerCode").orElse(null);
      if (offer != null) { // counted first: a batch past the app's quarterly limit is refused before its codes are made
        offerCodes.addCodes(tx, offer, count, environment);
      }
      store(tx, batch, offer, count, environment);
    });
  }

  /**
   * Batches a seed (or the admin API) loads carry only their {@code numberOfCodes}: their codes are
   * made here, as a create would have made them (same ids, same derivation, so the same file), unless
   * the batch has its file already (loaded twice). The offer's counts are the loaded ones: the seed
   * states them, so they are not added to again.
   */
  void afterLoad(StoreTx tx, List<Resource> loaded) {
    for (Resource resource : loaded) {
      if (!BATCH_TYPES.contains(resource.type()) || tx.find(FILES, resource.id()).isPresent()) {
        continue;
      }
      Resource batch = tx.find(resource.type(), resource.id()).orElseThrow();
      int count = Math.clamp(batch.attributes().path("numberOfCodes").asInt(0), 0, MAX_PER_BATCH);
      Resource offer = offers.graph().relatedOne(tx, batch, "offerCode").orElse(null);
      store(tx, batch, offer, count, batch.attributes().path("environment").asText("PRODUCTION"));
    }
  }

  private void store(StoreTx tx, Resource batch, Resource offer, int count, String environment) {
    Set<String> codes = new LinkedHashSet<>();
    for (int salt = 0; codes.size() < count; salt++) {
      String code = code(batch.id(), salt);
      if (!codes.contains(code) && tx.find(CODES, code).isEmpty()) {
        codes.add(code);
      }
    }
    ObjectNode file = offers.graph().object().put("batchType", batch.type());
    ArrayNode list = file.putArray("codes");
    codes.forEach(list::add);
    tx.insert(FILES, batch.id(), file);
    for (String code : codes) {
      ObjectNode row = offers.graph().object().put("batchType", batch.type()).put("batchId", batch.id())
          .put("offerCodeId", offer == null ? null : offer.id()).put("expirationDate", Offers.text(batch, "expirationDate"))
          .put("environment", environment);
      row.putNull("redeemedDate");
      tx.insert(CODES, code, row);
    }
  }

  /** The {@code salt}-th candidate code of a batch: SHA-256 of id and salt, read 5 bits a character. */
  static String code(String batchId, int salt) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest((batchId + ":" + salt).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      out.append(ALPHABET.charAt(hash[i] & 0x1f));
    }
    return out.toString();
  }

  /** {@code GET …/{id}/values}: the batch's codes as {@code text/csv}, one a line. */
  ApiResponse values(OperationContext ctx) {
    return offers.services().store().read(ctx.teamId(), tx -> {
      Resource batch = GenericReads.existing(tx, ctx.operation().type(), ctx.id());
      StringBuilder csv = new StringBuilder();
      tx.find(FILES, batch.id()).ifPresent(file -> file.attributes().path("codes").forEach(c -> csv.append(c.asText()).append('\n')));
      return ApiResponse.text(200, "text/csv", csv.toString());
    });
  }
}
