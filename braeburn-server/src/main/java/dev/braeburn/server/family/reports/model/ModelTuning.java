package dev.braeburn.server.family.reports.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * How one app behaves: set through {@code PATCH /_braeburn/metrics/apps/{id}/model}, defaults
 * derived from the app id. {@code dailyDownloads} are first-time downloads per day on an average
 * weekday, shared among {@code territories} by weight.
 */
public record ModelTuning(
    long seed, LocalDate launchDate, int dailyDownloads, Map<String, Double> territories, BigDecimal priceUsd) {}
