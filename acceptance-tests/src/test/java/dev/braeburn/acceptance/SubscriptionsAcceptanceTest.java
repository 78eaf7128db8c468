package dev.braeburn.acceptance;

import static dev.braeburn.acceptance.CommerceCalls.created;
import static dev.braeburn.acceptance.CommerceCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Subscription groups and subscriptions (docs/commerce/products.md): group levels, product IDs
 * shared with in-app purchases, readiness that includes the group's localization, the period fixed
 * after review, the first subscription refused alone, a later one reviewed on its own.
 */
class SubscriptionsAcceptanceTest extends CommerceServerTest {
  private static final String LEDGERLY_PLUS = "21580417"; // demo seed: Ledgerly Plus with 3 subscriptions

  @Test
  void groupsAndSubscriptionsFollowApplesRules() {
    ReleaseWorld.refused(calls.createGroup(LEDGERLY, "Ledgerly Plus"), 409, List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE,
        "The reference name you entered is already being used.", "/data/attributes/referenceName")), LEDGERLY_PLUS);
    TestServer.Reply sub = calls.createSubscription(LEDGERLY_PLUS, "com.tidewaterlabs.ledgerly.plus.weekly", "Plus Weekly", "ONE_WEEK", null);
    created(sub);
    assertThat(sub.json().at("/data/attributes/state").asText()).isEqualTo("MISSING_METADATA");
    assertThat(sub.json().at("/data/attributes/groupLevel").asInt()).as("the bottom of a group of four").isEqualTo(4);
    ReleaseWorld.refused(calls.createSubscription(LEDGERLY_PLUS, "com.tidewaterlabs.ledgerly.plus.daily", "Plus Daily", "ONE_WEEK", 9), 409,
        List.of(Arrays.asList("ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", "The group level must be between 1 and 5.",
            "/data/attributes/groupLevel")), "groupLevel 9");
    // product IDs are shared with the app's in-app purchases
    ReleaseWorld.refused(calls.createSubscription(LEDGERLY_PLUS, "com.tidewaterlabs.ledgerly.themes", "Themes", "ONE_MONTH", null), 409,
        List.of(Arrays.asList(DUPLICATE, DUPLICATE_TITLE, "This product ID has already been used", "/data/attributes/productId")), "6752100202");
    // an approved subscription keeps its period (inferred)
    ReleaseWorld.refused(server.send("PATCH", "/v1/subscriptions/6752100301", "{\"data\":{\"type\":\"subscriptions\",\"id\":\"6752100301\","
        + "\"attributes\":{\"subscriptionPeriod\":\"ONE_WEEK\"}}}"), 409, List.of(Arrays.asList("ENTITY_ERROR.ATTRIBUTE.INVALID.INVALID_STATE",
        "An attribute value is not acceptable for the current resource state.", "The attribute 'subscriptionPeriod' can not be modified.",
        "/data/attributes/subscriptionPeriod")));
  }

  @Test
  void aSubscriptionIsReadyWhenItAndItsGroupAreComplete() {
    String group = created(calls.createGroup(SLOW_HARBOR, "Harbor Club"));
    String monthly = created(calls.createSubscription(group, "com.example.slowharbor.club.monthly", "Club Monthly", "ONE_MONTH", null));
    calls.completeSubscription(monthly);
    assertThat(calls.subscriptionState(monthly)).as("the group has no localization yet").isEqualTo("MISSING_METADATA");
    String groupLocalization = created(calls.localize("subscriptionGroupLocalizations", "subscriptionGroup", "subscriptionGroups", group, "en-US",
        "Harbor Club", null));
    assertThat(calls.subscriptionState(monthly)).isEqualTo("READY_TO_SUBMIT");
    assertThat(server.send("DELETE", "/v1/subscriptionGroupLocalizations/" + groupLocalization, null).status()).isEqualTo(204);
    assertThat(calls.subscriptionState(monthly)).isEqualTo("MISSING_METADATA");
  }

  @Test
  void theFirstSubscriptionOfAnAppIsNotReviewedAlone() {
    String group = created(calls.createGroup(SLOW_HARBOR, "Harbor Club"));
    String monthly = created(calls.createSubscription(group, "com.example.slowharbor.club.monthly", "Club Monthly", "ONE_MONTH", null));
    calls.completeSubscription(monthly);
    ok(calls.localize("subscriptionGroupLocalizations", "subscriptionGroup", "subscriptionGroups", group, "en-US", "Harbor Club", null));
    List<String> refusal = Arrays.asList("STATE_ERROR.FIRST_SUBSCRIPTION_MUST_BE_SUBMITTED_ON_VERSION",
        "The request cannot be fulfilled because of the state of another resource.", "Your first subscription must be submitted with a new app version.", null);
    ReleaseWorld.refused(calls.submit("subscriptionSubmissions", "subscription", "subscriptions", monthly), 409, List.of(refusal),
        "no approved subscription", "subscriptionVersion");
    ReleaseWorld.refused(calls.submit("subscriptionGroupSubmissions", "subscriptionGroup", "subscriptionGroups", group), 409, List.of(refusal));
    assertThat(calls.subscriptionState(monthly)).isEqualTo("READY_TO_SUBMIT");
  }

  @Test
  void aLaterSubscriptionIsReviewedOnItsOwnOnTheClock() {
    String weekly = created(calls.createSubscription(LEDGERLY_PLUS, "com.tidewaterlabs.ledgerly.plus.weekly", "Plus Weekly", "ONE_WEEK", null));
    calls.completeSubscription(weekly);
    assertThat(calls.subscriptionState(weekly)).as("the seed's group is localized").isEqualTo("READY_TO_SUBMIT");
    created(calls.submit("subscriptionGroupSubmissions", "subscriptionGroup", "subscriptionGroups", LEDGERLY_PLUS));
    assertThat(calls.subscriptionState(weekly)).isEqualTo("WAITING_FOR_REVIEW");
    assertThat(calls.subscriptionState("6752100301")).as("approved ones stay").isEqualTo("APPROVED");
    ok(server.admin("POST", "/_braeburn/clock/advance", "{\"seconds\":" + 24 * 3600 + "}", null));
    assertThat(calls.subscriptionState(weekly)).isEqualTo("APPROVED");
  }
}
