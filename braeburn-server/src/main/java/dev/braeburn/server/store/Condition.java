package dev.braeburn.server.store;

import java.util.List;

/** One restriction of a listing; conditions of a {@link ListSpec} are AND-ed, values OR-ed. */
public sealed interface Condition {
  /** {@code filter[attr]=a,b}. */
  record AttributeIn(String attribute, ValueKind kind, List<String> values) implements Condition {}

  /** {@code filter[platforms]=IOS} on an array attribute: it contains one of the values. */
  record AttributeContains(String attribute, List<String> values) implements Condition {}

  /** {@code filter[id]=a,b}. */
  record IdIn(List<String> ids) implements Condition {}

  /** {@code filter[app]=id}: the resource's relation (storage name) points at one of the ids. */
  record LinkedTo(String relation, List<String> ids) implements Condition {}

  /** {@code filter[appStoreVersions.appStoreState]=…}: some related resource matches. */
  record LinkedWhere(String relation, Condition inner) implements Condition {}

  /** {@code exists[attr]=true|false}: the attribute has a non-null value. */
  record AttributeExists(String attribute, boolean exists) implements Condition {}

  /** {@code exists[rel]=true|false}: the relation has at least one target. */
  record LinkExists(String relation, boolean exists) implements Condition {}
}
