package dev.braeburn.server.family.signing;

import dev.braeburn.server.auth.Principal;
import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import java.util.List;
import java.util.Set;

/**
 * Who may create a certificate of a type (provisioning.md §3.5, §8): the roles column of
 * {@link CertificateTypes}. The key's roles are compared as given: the access policy's alias
 * ACCOUNT_HOLDER → ADMIN lets an Account Holder do what an Admin may, never the reverse.
 */
enum CertificateCreators {
  /** Development certificates belong to the person: every provisioning role (§8). */
  DEVELOPERS(Set.of("ACCOUNT_HOLDER", "ADMIN", "APP_MANAGER", "DEVELOPER"),
      "development certificates may be created by Admin, App Manager and Developer keys (provisioning.md §8)"),
  /**
   * Distribution and service certificates: Admin or App Manager (§8's recommendation [INFER]: Apple's
   * docs say Account Holder or Admin, App Manager keys create them in CI). A Developer key gets the
   * generic role 403 [INFER: no body recorded for this case].
   */
  MANAGERS(Set.of("ACCOUNT_HOLDER", "ADMIN", "APP_MANAGER"),
      "distribution and service certificates may be created only by Admin or App Manager keys, not Developer keys "
          + "(provisioning.md §3.5, §8; the Developer refusal's body is the generic role 403, inferred)"),
  /** Developer ID: the Account Holder only; an Admin key gets Apple's recorded 403 (§3.5, fastlane/fastlane#27149). */
  ACCOUNT_HOLDER(Set.of("ACCOUNT_HOLDER"),
      "Developer ID certificates may be created only by the Account Holder (provisioning.md §3.5, recorded 403); "
          + "Admin keys are refused");

  final Set<String> roles;
  private final String rule;

  CertificateCreators(Set<String> roles, String rule) {
    this.roles = roles;
    this.rule = rule;
  }

  /** Refuses the principal unless one of its roles (as given) is allowed. */
  void check(Principal principal, CertificateTypes type) {
    if (principal.roles().stream().anyMatch(roles::contains)) {
      return;
    }
    throw new ApiException(List.of(error()), "A key with the roles " + principal.roles().stream().sorted().toList()
        + " may not create a " + type.name() + " certificate: " + rule + ". Allowed roles: " + roles.stream().sorted().toList()
        + ". Use a key with one of them.");
  }

  private ApiError error() {
    return this == ACCOUNT_HOLDER
        ? ApiError.of(403, "FORBIDDEN_ERROR", "This request is forbidden for security reasons",
            "This operation can only be performed by the Account Holder")
        : Errors.forbidden();
  }
}
