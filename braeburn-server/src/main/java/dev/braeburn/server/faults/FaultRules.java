package dev.braeburn.server.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braeburn.server.store.Store;
import dev.braeburn.server.store.StoredFaultRule;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fault rules of the store, cached: requests read the rules from memory, and the cache is
 * dropped whenever the rules change — through this instance, or through another sharing the
 * PostgreSQL database ({@code NOTIFY braeburn_faults}), the way keys and the clock are shared. The
 * counters (matched, injected) are never cached: they are counted in the store, so a rule's count
 * is spent exactly once across instances.
 */
public final class FaultRules {
  private final Store store;
  private final ObjectMapper mapper;
  private volatile List<FaultRule> cached;
  /** Rules this instance found spent; a spent rule stays spent until removed (re-adding it changes the rules). */
  private final Set<String> spent = ConcurrentHashMap.newKeySet();

  public FaultRules(Store store, ObjectMapper mapper) {
    this.store = store;
    this.mapper = mapper;
    store.onFaultRulesChanged(this::invalidate);
  }

  void invalidate() {
    cached = null;
    spent.clear();
  }

  /** The rules in the order they were added (the first that matches and fires applies). */
  List<FaultRule> current() {
    List<FaultRule> rules = cached;
    if (rules == null) {
      rules = store.faultRules().stream().map(this::parse).toList();
      cached = rules;
    }
    return rules;
  }

  /** The stored rules with their counters, for the admin API. */
  List<StoredFaultRule> stored() {
    return store.faultRules();
  }

  FaultRule parse(StoredFaultRule row) {
    try {
      return FaultRuleJson.read(mapper.readTree(row.rule()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean add(FaultRule rule) {
    return store.addFaultRule(rule.id(), FaultRuleJson.write(rule, mapper).toString());
  }

  boolean remove(String id) {
    return store.removeFaultRules(id);
  }

  void clear() {
    store.removeFaultRules(null);
  }

  /**
   * Whether {@code rule}, which matches the request, injects its fault now: the match is counted
   * (the seeded draw's sequence number), the draw made, and the fault counted against the rule's
   * count — false once it is spent.
   */
  boolean fire(FaultRule rule, double unseeded) {
    if (spent.contains(rule.id())) {
      return false;
    }
    long n = store.countFaultMatch(rule.id());
    if (n == 0 || !rule.fires(n, unseeded)) {
      return false; // n == 0: removed meanwhile
    }
    if (store.countFaultInjection(rule.id(), rule.count())) {
      return true;
    }
    spent.add(rule.id());
    return false;
  }
}
