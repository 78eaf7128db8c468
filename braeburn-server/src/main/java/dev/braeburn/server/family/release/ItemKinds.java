package dev.braeburn.server.family.release;

import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.spec.Relationship;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The item kinds a review submission takes, by {@code reviewSubmissionItems} relationship: every
 * relationship the spec gives an item (other than {@code reviewSubmission}) is a kind — carried
 * through review as is ({@link ItemKind#carried}) unless a family registers its own. A family that
 * gives in-app purchases or custom product pages their review adds an {@link ItemKind} here;
 * nothing else changes.
 */
final class ItemKinds {
  static final String TYPE = "reviewSubmissionItems";
  static final String SUBMISSION = "reviewSubmission";

  /** An item of a submission: its kind and the resource it names (null when it names none). */
  record Item(Resource resource, ItemKind kind, Resource target) {
    String state() {
      return resource.attributes().path("state").asText("");
    }
  }

  private final Release release;
  private final Map<String, ItemKind> kinds = new TreeMap<>(); // by name: a stable order for messages

  ItemKinds(Release release) {
    this.release = release;
    for (Relationship rel : release.services().model().spec().resourceType(TYPE).relationships().values()) {
      if (!rel.name().equals(SUBMISSION)) {
        kinds.put(rel.name(), ItemKind.carried(rel.name()));
      }
    }
  }

  /** Gives a relationship its own behaviour (it must be an item relationship of the spec). */
  ItemKinds register(ItemKind kind) {
    if (!kinds.containsKey(kind.relationship())) {
      throw new IllegalArgumentException("'" + kind.relationship() + "' is not an item relationship of " + TYPE);
    }
    kinds.put(kind.relationship(), kind);
    return this;
  }

  /** The item relationships, by name. */
  Set<String> relationships() {
    return kinds.keySet();
  }

  /**
   * What {@code item} names, one entry per distinct target: {@code appStoreVersionExperiment} and
   * {@code …V2} share their storage, so one target reached through both counts once (under the
   * first name).
   */
  List<Item> targets(StoreTx tx, Resource item) {
    List<Item> out = new ArrayList<>();
    Set<Linkage> seen = new HashSet<>();
    for (ItemKind kind : kinds.values()) {
      release.graph().relatedOne(tx, item, kind.relationship()).filter(t -> seen.add(t.linkage()))
          .ifPresent(t -> out.add(new Item(item, kind, t)));
    }
    return out;
  }

  /** The item with its kind and target; an item naming nothing (a bare admin load) has a carried kind and no target. */
  Item of(StoreTx tx, Resource item) {
    List<Item> targets = targets(tx, item);
    return targets.isEmpty() ? new Item(item, ItemKind.carried(SUBMISSION), null) : targets.getFirst();
  }

  /** The items of a submission, in the order they were added. */
  List<Item> items(StoreTx tx, Resource submission) {
    return release.graph().related(tx, submission, "items").stream().sorted(java.util.Comparator.comparingLong(Resource::seq))
        .map(i -> of(tx, i)).toList();
  }

  /**
   * Moves an item to {@code to} (through type-rules.json; nothing when it is there) and its
   * target with it ({@code event}).
   */
  void move(StoreTx tx, Item item, String to, ItemKind.Event event) {
    if (!to.equals(item.state())) {
      release.services().rules().move(tx, item.resource(), "state", to);
    }
    announce(tx, item, event);
  }

  /** Tells the item's kind what happened, the item's own state unchanged. */
  void announce(StoreTx tx, Item item, ItemKind.Event event) {
    if (item.target() != null) {
      item.kind().on(tx, event, item.target());
    }
  }

  /** The submission an item belongs to. */
  Optional<Resource> submission(StoreTx tx, Resource item) {
    return release.graph().relatedOne(tx, item, SUBMISSION);
  }
}
