package io.confirmline.console.analytics;

import java.time.ZoneId;

/**
 * The tenant a report is about: its id, the name its owner knows it by (in report titles and file names), and
 * the zone its days and hours are counted in.
 */
public record ReportTenant(String id, String name, ZoneId zone) {
}
