package dev.braeburn.server.family.reports.sales;

import dev.braeburn.server.engine.EngineServices;
import dev.braeburn.server.family.reports.model.UsageModel;
import dev.braeburn.server.store.Linkage;
import dev.braeburn.server.store.ListSpec;
import dev.braeburn.server.store.Page;
import dev.braeburn.server.store.PageKey;
import dev.braeburn.server.store.Resource;
import dev.braeburn.server.store.StoreTx;
import dev.braeburn.server.store.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a team's {@link Vendor} in one read transaction: every app of the team the usage model knows. */
final class VendorCatalog {
  private static final int PAGE = 500;

  private final EngineServices services;
  private final UsageModel model;

  VendorCatalog(EngineServices services, UsageModel model) {
    this.services = services;
    this.model = model;
  }

  Vendor load(String teamId) {
    String developer = services.store().team(teamId).map(Team::name).orElse("");
    return services.store().read(teamId, tx -> new Vendor(VendorNumbers.of(teamId), developer, apps(tx)));
  }

  private List<Vendor.App> apps(StoreTx tx) {
    List<Vendor.App> apps = new ArrayList<>();
    PageKey after = null;
    do {
      Page page = tx.list(new ListSpec("apps", null, List.of(), List.of(), after, PAGE));
      for (Resource app : page.items()) {
        model.app(tx, app.id()).ifPresent(m -> apps.add(new Vendor.App(m, category(tx, app.id()))));
      }
      after = page.next();
    } while (after != null);
    return apps;
  }

  /** The primary category of the app's first app info that has one, as the Category column names it ("Health & Fitness"). */
  private String category(StoreTx tx, String appId) {
    String infos = services.model().relationship("apps", "appInfos").storage();
    String primary = services.model().relationship("appInfos", "primaryCategory").storage();
    for (Linkage info : tx.linked("apps", appId, infos)) {
      List<Linkage> category = tx.linked(info.type(), info.id(), primary);
      if (!category.isEmpty()) {
        return displayName(category.getFirst().id());
      }
    }
    return "";
  }

  /** {@code HEALTH_AND_FITNESS} → {@code Health & Fitness}: App Store category ids spell out the names. */
  static String displayName(String categoryId) {
    List<String> words = new ArrayList<>();
    for (String word : categoryId.split("_")) {
      if (word.equals("AND")) {
        words.add("&");
      } else if (!word.isEmpty()) {
        words.add(word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return String.join(" ", words);
  }
}
