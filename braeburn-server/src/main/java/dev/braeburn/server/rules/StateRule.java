package dev.braeburn.server.rules;

import java.util.List;
import java.util.Set;

/**
 * A state-dependent permission: the listed attributes (or, for {@code create}/{@code delete}, the
 * operation itself) are allowed only while {@code state} is one of {@code allowed} (a named state
 * set of the table, or listed); otherwise the named refusal answers, one error per refused
 * attribute (Apple groups them, review-pipeline.md §3.1).
 *
 * @param setName the table's name for {@code allowed}, or null when the row lists its states
 * @param evenUnchanged judge a PATCH that repeats the stored value too (Apple refused fastlane's
 *     unchanged contentRightsDeclaration, review-pipeline.md §1)
 * @param openWhileUnset a stored null may always be set (a legacy app without the answer must stay submittable)
 * @param onCreate judge a create that sends the attribute too (whatsNew on a platform's first version)
 */
public record StateRule(List<String> attributes, StateSource state, Set<String> allowed, String refusal, String why, String setName,
    boolean evenUnchanged, boolean openWhileUnset, boolean onCreate) {}
