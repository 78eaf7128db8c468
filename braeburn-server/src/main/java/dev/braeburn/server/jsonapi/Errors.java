package dev.braeburn.server.jsonapi;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Apple's error vocabulary: status, code, title and detail wording as recorded from
 * api.appstoreconnect.apple.com (shared/reference/protocol.md §1.7, §2.3, §3, §4). Where Apple's
 * exact wording is unknown the text follows the recorded pattern of the same family and is marked
 * "inferred" here.
 */
public final class Errors {
  private Errors() {}

  /** §1.7: the same body for every auth failure, and without an {@code id}. */
  public static ApiError notAuthorized() {
    return ApiError.of(
            401,
            "NOT_AUTHORIZED",
            "Authentication credentials are missing or invalid.",
            "Provide a properly configured and signed bearer token, and make sure that it has not"
                + " expired. Learn more about Generating Tokens for API Requests"
                + " https://developer.apple.com/go/?id=api-generating-tokens")
        .withoutId();
  }

  /** §4.4: e.g. {@code '/v1/apps/' is not a valid URL}. */
  public static ApiError pathError(String path) {
    return ApiError.of(404, "PATH_ERROR", "The URL path is not valid", "'" + path + "' is not a valid URL");
  }

  public static ApiError unknownRelationship(String relationship) {
    return ApiError.of(
        404, "PATH_ERROR", "The URL path is not valid", "The relationship '" + relationship + "' does not exist");
  }

  public static ApiError notFound(String type, String id) {
    return ApiError.of(
        404,
        "NOT_FOUND",
        "The specified resource does not exist",
        "There is no resource of type '" + type + "' with id '" + id + "'");
  }

  /** §2.3.2: Apple answers 403, not 405, for a verb a known resource does not offer. */
  public static ApiError operationNotAllowed(String subject, String name, String op, List<String> allowed) {
    String detail =
        allowed.isEmpty()
            ? "The " + subject + " '" + name + "' has no allowed operations"
            : "The " + subject + " '" + name + "' does not allow '" + op + "'. Allowed operations are: "
                + String.join(", ", allowed);
    return ApiError.of(403, "FORBIDDEN_ERROR", "The given operation is not allowed", detail);
  }

  /** §4.3: a method that no path of this shape takes (PUT anywhere, PATCH on a collection). */
  public static ApiError methodNotAllowed(String method, String path) {
    return ApiError.of(
        405,
        "METHOD_NOT_ALLOWED",
        "The request method is not allowed", // inferred
        "The method '" + method + "' is not allowed for '" + path + "'");
  }

  public static ApiError forbidden() {
    return ApiError.of(
        403,
        "FORBIDDEN_ERROR",
        "This request is forbidden for security reasons",
        "The API key in use does not allow this request");
  }

  /**
   * The Account Holder has not accepted the current agreements: every request of the team gets
   * this (rorkai PR #2124, codemagic's recorded mock). {@code links.see} is Apple's, although the
   * spec's ErrorLinks has no such member.
   */
  public static ApiError agreementsMissing() {
    return ApiError.of(
            403,
            "FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED",
            "A required agreement is missing or has expired.",
            "This request requires an in-effect agreement that has not been signed or has expired.")
        .links(java.util.Map.of("see", "/agreements"));
  }

  /**
   * The provisioning backend finds no developer-program team behind the App Store Connect provider
   * of the key (provisioning.md §8: the forum's case, the detail naming the JWT's {@code iss}; one
   * body for bundle IDs, profiles and certificates, inferred from the 2020 recording).
   */
  public static ApiError noProgramTeam(String issuerId) {
    return ApiError.of(403, "FORBIDDEN_ERROR", "This request is forbidden for security reasons",
        "Unable to find a team with the given Content Provider ID " + issuerId + " to which you belong.");
  }

  /** The team's developer-program membership has lapsed (provisioning.md §8, recorded in fastlane's api_client.rb). */
  public static ApiError membershipNotActive(String teamId) {
    return ApiError.of(403, "FORBIDDEN_ERROR", "This request is forbidden for security reasons", "Team ID: '" + teamId
        + "' is not associated with an active membership. To check your teams membership status, sign in your account on the developer website. https://developer.apple.com/account/");
  }

  /** The key's rolling-hour request limit is used up (AvdLee #239, fastlane #20625). */
  public static ApiError rateLimitExceeded() {
    return ApiError.of(
        429,
        "RATE_LIMIT_EXCEEDED",
        "The request rate limit has been reached.",
        "We've received too many requests for this API. Please wait and try again or slow down your request rate.");
  }

  public static ApiError parameterInvalid(String parameter, String detail) {
    return ApiError.of(400, "PARAMETER_ERROR.INVALID", "A parameter has an invalid value", detail)
        .parameter(parameter);
  }

  public static ApiError parameterIllegal(String parameter) {
    return ApiError.of(
            400,
            "PARAMETER_ERROR.ILLEGAL",
            "A given parameter is not allowed for this request",
            "The parameter '" + parameter + "' can not be used with this request")
        .parameter(parameter);
  }

  public static ApiError parameterRequired(String parameter) {
    return ApiError.of(
            400,
            "PARAMETER_ERROR.REQUIRED",
            "A required parameter is missing", // inferred
            "The parameter '" + parameter + "' is required for this request")
        .parameter(parameter);
  }

  /** §4.3: the body is not JSON at all. */
  public static ApiError entityInvalid(String detail) {
    return ApiError.of(400, "ENTITY_INVALID", "The provided entity is invalid", detail);
  }

  /** §4.4: JSON, but not a JSON:API document (misspelled {@code data}, unknown members). */
  public static ApiError entityUnprocessable(String detail) {
    return ApiError.of(
        422, "ENTITY_UNPROCESSABLE", "Entity is valid json but is not a valid json:api document", detail);
  }

  public static ApiError unsupportedMediaType(String contentType) {
    return ApiError.of(
        415,
        "ENTITY_UNSUPPORTED_MEDIA_TYPE", // inferred
        "The request entity has an unsupported media type",
        "The Content-Type '" + contentType + "' is not supported; send application/json");
  }

  public static ApiError entityTooLarge(long size, long limit) {
    return ApiError.of(
        413,
        "ENTITY_TOO_LARGE", // inferred
        "The request entity is too large",
        "The request body has " + size + " bytes; the limit is " + limit + " bytes");
  }

  public static ApiError attributeUnknown(String type, String attribute, String pointer) {
    return ApiError.of(
            409,
            "ENTITY_ERROR.ATTRIBUTE.UNKNOWN",
            "The provided entity includes an unknown attribute",
            "'" + attribute + "' is not an attribute on the resource '" + type + "'")
        .pointer(pointer);
  }

  public static ApiError attributeType(String detail, String pointer) {
    return ApiError.of(
            409, "ENTITY_ERROR.ATTRIBUTE.TYPE", "An attribute in the provided entity has the wrong type", detail)
        .pointer(pointer);
  }

  public static ApiError enumValue(String value, String attribute, List<String> allowed, String pointer) {
    String expected = allowed.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    return attributeType(
        "'" + value + "' is not a valid value for the attribute '" + attribute + "'. Expected one of: " + expected,
        pointer);
  }

  public static ApiError attributeRequired(String attribute, String pointer) {
    return ApiError.of(
            409,
            "ENTITY_ERROR.ATTRIBUTE.REQUIRED",
            "The provided entity is missing a required attribute",
            "You must provide a value for the attribute '" + attribute + "' with this request")
        .pointer(pointer);
  }

  public static ApiError attributeInvalid(String detail, String pointer) {
    return ApiError.of(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.", detail)
        .pointer(pointer);
  }

  public static ApiError relationshipUnknown(String type, String relationship, String pointer) {
    return ApiError.of(
            409,
            "ENTITY_ERROR.RELATIONSHIP.UNKNOWN",
            "The provided entity includes an unknown relationship",
            "'" + relationship + "' is not a relationship on the resource '" + type + "'")
        .pointer(pointer);
  }

  public static ApiError relationshipRequired(String relationship, String pointer) {
    return ApiError.of(
            409,
            "ENTITY_ERROR.RELATIONSHIP.REQUIRED",
            "The provided entity is missing a required relationship",
            "You must provide a value for the relationship '" + relationship + "'")
        .pointer(pointer);
  }

  public static ApiError relationshipInvalid(String detail, String pointer) {
    return ApiError.of(
            409,
            "ENTITY_ERROR.RELATIONSHIP.INVALID",
            "The provided entity includes a relationship with an invalid value",
            detail)
        .pointer(pointer);
  }

  /** §4.4: {@code … is not a valid ID for this relationship. (ID: <id>)}. */
  /** An {@code included} item whose id is not a local {@code ${…}} id: Apple's recorded body (37MobileTeam/AppleParty#18). */
  public static ApiError includedIdInvalid(String id, String pointer) {
    return ApiError.of(409, "ENTITY_ERROR.INCLUDED.INVALID_ID", "The provided entity id is invalid",
        "The provided included entity id '" + id + "' has invalid format").pointer(pointer);
  }

  public static ApiError relationshipTargetMissing(String type, String id, String pointer) {
    return relationshipInvalid(
        "The resource '" + type + "' with id '" + id + "' is not a valid ID for this relationship. (ID: " + id + ")",
        pointer);
  }

  public static ApiError agreementMissing() {
    return ApiError.of(
            403,
            "FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED",
            "A required agreement is missing or has expired.",
            "This request requires an in-effect agreement that has not been signed or has expired.")
        .links(Map.of("see", "/agreements"));
  }

  public static ApiError unexpected() {
    return ApiError.of(
        500,
        "UNEXPECTED_ERROR",
        "An unexpected error occurred.",
        "An unexpected error occurred on the server side. If this issue continues, contact us at"
            + " https://developer.apple.com/contact/.");
  }
}
