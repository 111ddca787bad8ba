package io.confirmline.testing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a Prometheus server before 2.43 (Debian 12 ships 2.42) refuses in an OpenMetrics scrape: an exemplar on a
 * summary's or histogram's {@code _count} or {@code _sum}. One such line makes it drop the whole scrape ("metric name
 * ..._count does not support exemplars"), so every metric of the service goes missing, not just that one.
 */
public final class OpenMetricsCompatibility {

    /** The Accept header Prometheus sends when it scrapes: OpenMetrics first. */
    public static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static final Pattern EXEMPLAR_ON_COUNT_OR_SUM = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*_(count|sum)(\\{.*})? \\S+ # \\{.*");

    private OpenMetricsCompatibility() {
    }

    /** The sample lines of the scrape that such a Prometheus refuses; empty when it reads the whole scrape. */
    public static List<String> refusedByPrometheusBefore243(String scrape) {
        return scrape.lines().filter(line -> EXEMPLAR_ON_COUNT_OR_SUM.matcher(line).matches()).toList();
    }
}
