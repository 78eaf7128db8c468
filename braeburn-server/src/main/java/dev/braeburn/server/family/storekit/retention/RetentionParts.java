package dev.braeburn.server.family.storekit.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.Store;
import java.time.Clock;

/** What the image and message handlers share: the store, JSON, the limits as data, review on the clock, and the clock. */
record RetentionParts(Store store, ObjectMapper mapper, RetentionRules rules, RetentionReview review, Clock clock) {}
