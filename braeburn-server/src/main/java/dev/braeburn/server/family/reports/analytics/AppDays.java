package dev.braeburn.server.family.reports.analytics;

import dev.braeburn.server.family.reports.model.AppDay;
import dev.braeburn.server.family.reports.model.ModelApp;
import dev.braeburn.server.family.reports.model.UsageModel;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The usage model's days, each computed once however many reports and instances read it: a day is
 * a pure function of the app's model version and the date ({@link UsageModel#day}), so the most
 * recently used {@value #CAPACITY} are kept. One processing reads each app-day once for all its
 * reports; consecutive daily processings share most of their days.
 */
final class AppDays {
  static final int CAPACITY = 256;

  private final UsageModel model;
  private final Map<String, AppDay> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, AppDay> eldest) {
      return size() > CAPACITY;
    }
  };

  AppDays(UsageModel model) {
    this.model = model;
  }

  /** The days of one model version of one app. */
  Function<LocalDate, AppDay> of(ModelApp app) {
    String prefix = app.appId() + "|" + app.fingerprint() + "|";
    return date -> {
      String key = prefix + date;
      synchronized (cache) {
        AppDay cached = cache.get(key);
        if (cached != null) {
          return cached;
        }
      }
      AppDay day = model.day(app, date);
      synchronized (cache) {
        cache.put(key, day);
      }
      return day;
    };
  }
}
