package dev.braeburn.server.family.commerce.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.family.commerce.offers.Eligibility.CustomerHistory;
import dev.braeburn.server.family.commerce.offers.Eligibility.Kind;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EligibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  private final Eligibility eligibility = Eligibility.load(JSON);

  private static CustomerHistory newcomer() {
    return new CustomerHistory(false, false, false, 0, null, null, false, false, false);
  }

  private static CustomerHistory lapsed(int paidMonths, int monthsAgo) {
    return new CustomerHistory(false, true, true, paidMonths, monthsAgo, null, true, false, false);
  }

  private static JsonNode offer(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void introductoryOffersAreForNewcomersToTheGroup() throws Exception {
    assertThat(eligibility.allows(Kind.INTRODUCTORY, offer("{}"), newcomer(), TODAY).allowed()).isTrue();
    assertThat(eligibility.allows(Kind.INTRODUCTORY, offer("{}"), lapsed(3, 2), TODAY).reason()).startsWith("NEVER_HAD_INTRO_OFFER_IN_GROUP");
  }

  @Test
  void promotionalOffersNeedAPastSubscriptionAndASignature() throws Exception {
    assertThat(eligibility.allows(Kind.PROMOTIONAL, offer("{}"), newcomer(), TODAY).allowed()).isFalse();
    assertThat(eligibility.allows(Kind.PROMOTIONAL, offer("{}"), lapsed(1, 1), TODAY).allowed()).isTrue();
  }

  @Test
  void offerCodesFollowCustomerEligibilities() throws Exception {
    JsonNode code = offer("{\"customerEligibilities\":[\"NEW\",\"EXPIRED\"]}");
    assertThat(eligibility.allows(Kind.OFFER_CODE, code, newcomer(), TODAY).allowed()).isTrue();
    assertThat(eligibility.allows(Kind.OFFER_CODE, code, lapsed(2, 2), TODAY).allowed()).isTrue();
    CustomerHistory subscribed = new CustomerHistory(true, true, true, 5, null, null, false, false, false);
    assertThat(eligibility.allows(Kind.OFFER_CODE, code, subscribed, TODAY).reason()).contains("EXISTING");
    JsonNode iap = offer("{\"customerEligibilities\":[\"NON_SPENDER\"]}");
    assertThat(eligibility.allows(Kind.IN_APP_PURCHASE_OFFER_CODE, iap, newcomer(), TODAY).allowed()).isTrue();
  }

  @Test
  void winBackOffersFollowTheirAttributes() throws Exception {
    JsonNode winBack = offer("{\"customerEligibilityPaidSubscriptionDurationInMonths\":3,"
        + "\"customerEligibilityTimeSinceLastSubscribedInMonths\":{\"minimum\":1,\"maximum\":6},"
        + "\"customerEligibilityWaitBetweenOffersInMonths\":6,\"startDate\":\"2027-01-01\",\"endDate\":\"2027-12-31\"}");
    assertThat(eligibility.allows(Kind.WIN_BACK, winBack, lapsed(4, 2), TODAY).allowed()).isTrue();
    assertThat(eligibility.allows(Kind.WIN_BACK, winBack, lapsed(2, 2), TODAY).reason()).startsWith("PAID_MONTHS_AT_LEAST");
    assertThat(eligibility.allows(Kind.WIN_BACK, winBack, lapsed(4, 9), TODAY).reason()).startsWith("MONTHS_SINCE_LAST_SUBSCRIBED_IN_RANGE");
    assertThat(eligibility.allows(Kind.WIN_BACK, winBack, lapsed(4, 2), LocalDate.of(2028, 1, 1)).reason()).startsWith("OFFER_RUNNING");
  }
}
