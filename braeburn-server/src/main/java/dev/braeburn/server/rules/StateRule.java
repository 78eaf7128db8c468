package dev.braeburn.server.rules;

import java.util.List;
import java.util.Set;

/**
 * A state-dependent permission: the listed attributes (or, for {@code create}/{@code delete}, the
 * operation itself) are allowed only while {@code state} is one of {@code allowed}; otherwise the
 * named refusal answers, one error per refused attribute (Apple groups them, review-pipeline.md §3.1).
 */
public record StateRule(List<String> attributes, StateSource state, Set<String> allowed, String refusal, String why) {}
