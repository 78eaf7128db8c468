package dev.braeburn.server.auth;

import java.util.List;
import java.util.Set;

/** The role vocabulary of App Store Connect (the spec's {@code UserRole}, protocol.md §2.1). */
public final class Roles {
  /** All 13 values of {@code UserRole}, in the spec's order. */
  public static final List<String> ALL = List.of(
      "ADMIN", "FINANCE", "ACCOUNT_HOLDER", "SALES", "MARKETING", "APP_MANAGER", "DEVELOPER", "ACCESS_TO_REPORTS",
      "CUSTOMER_SUPPORT", "CREATE_APPS", "CLOUD_MANAGED_DEVELOPER_ID", "CLOUD_MANAGED_APP_DISTRIBUTION",
      "GENERATE_INDIVIDUAL_KEYS");

  /**
   * The access levels App Store Connect offers when creating a team key (fastlane docs#1050, plus
   * Marketing and Customer Support, which the Integrations page lists today). Account Holder and the
   * add-on permissions are never a team key's role.
   */
  public static final Set<String> TEAM_KEY_ROLES = Set.of(
      "ADMIN", "APP_MANAGER", "DEVELOPER", "FINANCE", "SALES", "MARKETING", "CUSTOMER_SUPPORT");

  private Roles() {}
}
