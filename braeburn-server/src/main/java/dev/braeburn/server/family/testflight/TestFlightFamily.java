package dev.braeburn.server.family.testflight;

import dev.braeburn.server.engine.HandlerRegistry;
import dev.braeburn.server.family.Family;
import dev.braeburn.server.family.FamilyContext;
import dev.braeburn.server.family.ReviewSettings;
import dev.braeburn.server.http.RequestHandler;
import dev.braeburn.server.schedule.Scheduler;
import java.util.Map;

/**
 * TestFlight (docs/testflight.md): beta groups and their public links, testers and invitations,
 * Beta App Review on the virtual clock, builds joining groups, "What to Test" localizations,
 * expiry, and testers' feedback. Install it after the uploads family: it wraps the {@code PATCH
 * /v1/builds/{id}} handler registered before it.
 */
public final class TestFlightFamily implements Family {
  /** Beta App Review takes about a day (protocol.md §7.2); it starts an hour after submission. */
  private final ReviewSettings settings = new ReviewSettings(java.time.Duration.ofHours(24), java.time.Duration.ofHours(1));
  private volatile TestFlightAdmin admin;

  @Override
  public void install(FamilyContext context) {
    TestFlight tf = new TestFlight(context.services(), context.events(), settings);
    BetaDetails details = new BetaDetails(tf);
    BuildExpiry expiry = new BuildExpiry(tf, details);
    BetaReview review = new BetaReview(tf, details, expiry);
    GroupBuilds groupBuilds = new GroupBuilds(tf, details, expiry);
    Testers testers = new Testers(tf, expiry);
    TesterGroups testerGroups = new TesterGroups(tf, testers);
    BetaGroups groups = new BetaGroups(tf, groupBuilds, testers);
    BetaTesters betaTesters = new BetaTesters(tf, testers, details);
    BetaBuildLocalizations localizations = new BetaBuildLocalizations(tf);

    HandlerRegistry handlers = context.handlers();
    handlers.register("betaAppReviewSubmissions_createInstance", review::submit)
        .register("betaGroups_createInstance", groups::create)
        .register("betaGroups_updateInstance", groups::update)
        .register("betaGroups_builds_createToManyRelationship", groupBuilds::addBuildsToGroup)
        .register("builds_betaGroups_createToManyRelationship", groupBuilds::addGroupsToBuild)
        .register("betaGroups_betaTesters_createToManyRelationship", testerGroups::addTestersToGroup)
        .register("betaTesters_betaGroups_createToManyRelationship", testerGroups::addGroupsToTester)
        .register("betaTesters_builds_createToManyRelationship", testerGroups::addBuildsToTester)
        .register("builds_individualTesters_createToManyRelationship", testerGroups::addTestersToBuild)
        .register("betaTesters_createInstance", betaTesters::create)
        .register("betaTesterInvitations_createInstance", betaTesters::invite)
        .register("betaTesters_builds_getToManyRelated", betaTesters::visibleBuilds)
        .register("betaBuildLocalizations_createInstance", localizations::create)
        .register(BuildExpiry.operation(), expiry.patchHandler(handlers.get(BuildExpiry.operation())));

    Scheduler scheduler = context.scheduler();
    scheduler.register(BetaReview.START_TASK, review::runStart)
        .register(BetaReview.AUTO_DECIDE_TASK, review::runAutoApprove)
        .register(BuildExpiry.CHECK_TASK, expiry::runCheck);

    admin = new TestFlightAdmin(tf, review, new BetaFeedback(tf));
  }

  /** The admin routes ({@code /_braeburn/betaReviews…}, {@code /_braeburn/betaFeedback}); empty before install. */
  @Override
  public Map<String, RequestHandler> adminRoutes() {
    return admin == null ? Map.of() : admin.routes();
  }
}
