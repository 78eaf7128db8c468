package dev.braeburn.server.family.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braeburn.server.engine.Documents;
import dev.braeburn.server.engine.GenericReads;
import dev.braeburn.server.engine.GenericWrites;
import dev.braeburn.server.engine.OperationContext;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.Graph;
import dev.braeburn.server.http.ApiResponse;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import java.util.List;
import java.util.Map;

/**
 * The items of a review submission (review-pipeline.md §4.1): {@code POST
 * /v1/reviewSubmissionItems} adds exactly one thing to a draft — checked by its {@link ItemKind};
 * an item may be in one unfinished submission at a time — {@code DELETE} takes it out of a draft,
 * and {@code PATCH} answers a rejection: {@code resolved:true} (as a Resolution Center reply does:
 * the item, and its version, READY_FOR_REVIEW again) or {@code removed:true} (removing every
 * rejected item completes the submission with the accepted ones, D-UNRES).
 */
final class SubmissionItems {
  private final Release release;
  private final Graph graph;
  private final AppReview review;
  private final ItemKinds kinds;
  private final Actors actors;

  SubmissionItems(Release release, AppReview review, Actors actors) {
    this.release = release;
    this.graph = release.graph();
    this.review = review;
    this.kinds = review.kinds();
    this.actors = actors;
  }

  void install(FamilyContext context) {
    context.handlers().register("reviewSubmissionItems_createInstance", this::create)
        .register("reviewSubmissionItems_updateInstance", this::update)
        .register("reviewSubmissionItems_deleteInstance", this::delete);
  }

  /** {@code POST /v1/reviewSubmissionItems}: the generic create links everything, then this refuses or stages. */
  private ApiResponse create(OperationContext ctx) {
    return GenericWrites.create(ctx, (tx, created) -> {
      Resource submission = kinds.submission(tx, created).orElseThrow(() -> new ApiException(List.of(
          Errors.relationshipRequired(ItemKinds.SUBMISSION, "/data/relationships/" + ItemKinds.SUBMISSION)), "An item belongs to a review submission"));
      List<ItemKinds.Item> named = kinds.targets(tx, created);
      if (named.isEmpty()) {
        String names = String.join(", ", kinds.relationships());
        throw new ApiException(List.of(ReviewErrors.itemRequired(names)), "A review submission item names exactly one item: one of "
            + names + " (inferred refusal)");
      }
      if (named.size() > 1) {
        throw new ApiException(List.of(ReviewErrors.oneItemOnly(named.get(1).kind().relationship())), "This item names "
            + named.stream().map(i -> i.kind().relationship()).toList() + "; add each with its own reviewSubmissionItems (inferred refusal)");
      }
      ItemKinds.Item item = named.getFirst();
      String state = AppReview.state(submission);
      if (!state.equals("READY_FOR_REVIEW")) {
        throw new ApiException(List.of(ReviewErrors.notADraft(submission.id(), state)), "reviewSubmission " + submission.id() + " is " + state
            + "; items can be added only to a draft (READY_FOR_REVIEW)" + (state.equals("UNRESOLVED_ISSUES")
                ? " — a submission with unresolved issues takes no new items (D-UNRES); resolve or remove its rejected items" : "")
            + " (wording inferred)");
      }
      refuseIfInAnotherSubmission(tx, submission, item);
      item.kind().checkAddable(tx, submission, item.target());
      kinds.announce(tx, item, ItemKind.Event.ADDED);
      graph.link(tx, submission, "lastUpdatedByActor", actors.of(tx, ctx.principal()));
    });
  }

  /** An item may be in one unfinished submission of its app at a time (recorded for versions, §2.2; inferred for other kinds). */
  private void refuseIfInAnotherSubmission(StoreTx tx, Resource submission, ItemKinds.Item item) {
    Resource app = graph.relatedOne(tx, submission, "app").orElse(null);
    if (app == null) {
      return;
    }
    for (Resource other : graph.related(tx, app, "reviewSubmissions")) {
      if (AppReview.state(other).equals("COMPLETE")) {
        continue;
      }
      for (ItemKinds.Item existing : kinds.items(tx, other)) {
        if (!existing.resource().id().equals(item.resource().id()) && !existing.state().equals("REMOVED") && existing.target() != null
            && existing.target().linkage().equals(item.target().linkage())) {
          String type = item.target().type();
          String id = item.target().id();
          throw new ApiException(List.of(ReadinessErrors.notInValidState(type, id, Map.of("/" + type + "/" + id,
                  List.of(ReadinessErrors.partOfAnotherSubmission(type, id, other.id()))))),
              type + " " + id + " is already item " + existing.resource().id() + " of reviewSubmission " + other.id() + " ("
                  + AppReview.state(other) + "); an item can be in one unfinished submission at a time — cancel that submission, or"
                  + " delete the item from it while it is a draft");
        }
      }
    }
  }

  /** {@code PATCH /v1/reviewSubmissionItems/{id}} {@code {resolved?, removed?}}: actions, never stored. */
  private ApiResponse update(OperationContext ctx) {
    JsonNode attributes = ctx.body().attributes();
    boolean resolve = attributes.path("resolved").asBoolean(false);
    boolean remove = attributes.path("removed").asBoolean(false);
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource stored = GenericReads.existing(tx, ItemKinds.TYPE, ctx.id());
      if (resolve || remove) {
        ItemKinds.Item item = kinds.of(tx, stored);
        Resource submission = kinds.submission(tx, stored).orElseThrow(() -> new ApiException(List.of(ReviewErrors.itemState(
            "reviewSubmissionItems with id '" + stored.id() + "' is not part of a reviewSubmission.")), "The item belongs to no submission"));
        if (resolve && remove) {
          throw new ApiException(List.of(ReviewErrors.itemState("An item can be either resolved or removed, not both.")),
              "resolved:true and removed:true in one request (inferred refusal)");
        }
        if (resolve) {
          resolve(tx, submission, item);
        } else {
          remove(tx, submission, item);
        }
        graph.link(tx, submission, "lastUpdatedByActor", actors.of(tx, ctx.principal()));
      }
      return Documents.single(ctx, tx, tx.find(ItemKinds.TYPE, stored.id()).orElseThrow(), 200);
    });
  }

  /** A Resolution Center reply: the rejected item (and its version) READY_FOR_REVIEW; the submission stays UNRESOLVED_ISSUES (§4.1, PULSE). */
  private void resolve(StoreTx tx, Resource submission, ItemKinds.Item item) {
    boolean unresolved = AppReview.state(submission).equals("UNRESOLVED_ISSUES");
    if (unresolved && item.state().equals("READY_FOR_REVIEW")) {
      return; // already resolved
    }
    if (!unresolved || !item.state().equals("REJECTED")) {
      throw new ApiException(List.of(ReviewErrors.itemState("reviewSubmissionItems with id '" + item.resource().id() + "' is " + item.state()
              + " and cannot be resolved.")), "Only a REJECTED item of a submission with UNRESOLVED_ISSUES can be resolved; item "
              + item.resource().id() + " is " + item.state() + " in a submission that is " + AppReview.state(submission) + " (inferred wording)");
    }
    kinds.move(tx, item, "READY_FOR_REVIEW", ItemKind.Event.RESOLVED);
  }

  /**
   * {@code removed:true}: from a draft, the item is REMOVED and its version editable again; from an
   * UNRESOLVED_ISSUES submission, the rejected item leaves review (its version DEVELOPER_REJECTED)
   * and, once no rejected item is left, the submission completes with the accepted ones (D-UNRES).
   */
  private void remove(StoreTx tx, Resource submission, ItemKinds.Item item) {
    String state = AppReview.state(submission);
    if (item.state().equals("REMOVED")) {
      return;
    }
    if (state.equals("READY_FOR_REVIEW")) {
      kinds.move(tx, item, "REMOVED", ItemKind.Event.REMOVED_FROM_DRAFT);
      return;
    }
    if (!state.equals("UNRESOLVED_ISSUES") || !(item.state().equals("REJECTED") || item.state().equals("READY_FOR_REVIEW"))) {
      throw new ApiException(List.of(ReviewErrors.itemState("reviewSubmissionItems with id '" + item.resource().id() + "' cannot be removed"
              + " while its reviewSubmission is " + state + ".")), "An item can be removed from a draft, or a rejected item from a submission"
              + " with UNRESOLVED_ISSUES; this submission is " + state + " — cancel it with PATCH /v1/reviewSubmissions {\"canceled\":true}"
              + " (inferred wording)");
    }
    kinds.move(tx, item, "REMOVED", ItemKind.Event.WITHDRAWN);
    boolean open = kinds.items(tx, submission).stream().anyMatch(i -> i.state().equals("REJECTED") || i.state().equals("READY_FOR_REVIEW"));
    if (!open) {
      review.complete(tx, tx.find(Submissions.TYPE, submission.id()).orElseThrow());
    }
  }

  /** {@code DELETE /v1/reviewSubmissionItems/{id}}: only from a draft; the version goes back to PREPARE_FOR_SUBMISSION (inferred, §9.4). */
  private ApiResponse delete(OperationContext ctx) {
    return release.services().store().write(ctx.teamId(), tx -> {
      Resource stored = GenericReads.existing(tx, ItemKinds.TYPE, ctx.id());
      Resource submission = kinds.submission(tx, stored).orElse(null);
      if (submission != null) {
        String state = AppReview.state(submission);
        if (!state.equals("READY_FOR_REVIEW")) {
          throw new ApiException(List.of(ReviewErrors.itemState("reviewSubmissionItems with id '" + stored.id() + "' cannot be deleted while its"
                  + " reviewSubmission is " + state + ".")), "Items can be deleted only from a draft; reviewSubmission " + submission.id() + " is "
                  + state + (state.equals("UNRESOLVED_ISSUES") ? " — remove a rejected item with PATCH {\"removed\":true} or cancel the submission"
                      : "") + " (recorded 409 in UNRESOLVED_ISSUES; wording inferred)");
        }
        ItemKinds.Item item = kinds.of(tx, stored);
        if (item.state().equals("READY_FOR_REVIEW")) {
          kinds.announce(tx, item, ItemKind.Event.REMOVED_FROM_DRAFT);
        }
        graph.link(tx, submission, "lastUpdatedByActor", actors.of(tx, ctx.principal()));
      }
      release.services().rules().checkDelete(tx, stored);
      tx.delete(ItemKinds.TYPE, stored.id());
      return ApiResponse.noContent(204);
    });
  }
}
