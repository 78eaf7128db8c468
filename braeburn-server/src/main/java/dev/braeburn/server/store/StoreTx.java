package dev.braeburn.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store as one team sees it inside one transaction. Every method is scoped to {@link
 * #teamId()}: no query reads or writes another team's rows. Relationship semantics (inverses,
 * to-one replacement) live above this interface; here a link is just a directed edge.
 */
public interface StoreTx {
  String teamId();

  /**
   * Marks this transaction as one that changes the team's quirk switches: once it commits, {@link
   * Store#onQuirksChanged} listeners hear of it (on PostgreSQL, every instance's, by a NOTIFY sent
   * in this transaction).
   */
  default void quirksChanged() {}

  Optional<Resource> find(String type, String id);

  /** Resources of the given identifiers that exist, in no particular order. */
  List<Resource> findAll(Collection<Linkage> linkages);

  Resource insert(String type, String id, ObjectNode attributes);

  void updateAttributes(Resource resource, ObjectNode attributes);

  /** Deletes the resource and every edge from or to it. */
  boolean delete(String type, String id);

  void link(Resource source, String relation, Resource target);

  void unlink(String sourceType, String sourceId, String relation, Linkage target);

  /** Targets of one source's relation in insertion order of the targets. */
  List<Linkage> linked(String sourceType, String sourceId, String relation);

  /** For includes: per source id, the first {@code limit} targets and the total. */
  Map<String, LinkSlice> linkedBatch(String sourceType, Collection<String> sourceIds, String relation, int limit);

  Page list(ListSpec spec);

  long count(String type);

  /** How many resources of each type this team holds (types with none left out), by type name. */
  java.util.SortedMap<String, Long> countsByType();

  /** Every edge from one resource: relation name → targets in insertion order, relations by name. */
  java.util.SortedMap<String, List<Linkage>> linksFrom(String sourceType, String sourceId);

  /**
   * Schedules work of {@code kind} for this team at {@code dueAt} (server time), committed with this
   * transaction: it never runs for a change that was rolled back, and is never lost once committed.
   */
  long schedule(String kind, Instant dueAt, ObjectNode payload);

  /** Removes a scheduled task of this team in this transaction (it ran, or is no longer wanted). */
  void completeTask(long taskId);

  /** This team's pending tasks of {@code kind}, soonest first. */
  List<ScheduledTask> scheduled(String kind);

  /**
   * Braeburn's certificate authority as this transaction sees it (issue 14): its stored document,
   * empty until it was first made. For work already inside a write transaction (a seed's
   * {@code afterLoad}), where {@link Store#certificateAuthority()} would need a second connection.
   */
  Optional<String> certificateAuthority();

  /** {@link Store#saveCertificateAuthority} in this transaction: stores {@code document} unless one is stored; returns the stored one. */
  String saveCertificateAuthority(String document);
}
