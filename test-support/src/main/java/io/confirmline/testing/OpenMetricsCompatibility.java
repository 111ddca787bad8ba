/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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

    private static final Pattern EXEMPLAR_ON_COUNT_OR_SUM =
            Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*_(count|sum)(\\{.*})? \\S+ # \\{.*");

    private OpenMetricsCompatibility() {}

    /**
     * Fails unless {@code scrape} is an OpenMetrics scrape with the HTTP server's request timer (so a traced request
     * had its chance to leave an exemplar) that every Prometheus reads, naming the lines an old one would refuse.
     */
    public static void assertEveryPrometheusReads(String scrape) {
        if (scrape == null || !scrape.endsWith("# EOF\n") || !scrape.contains("http_server_requests_seconds_count")) {
            throw new AssertionError("Not an OpenMetrics scrape with http_server_requests_seconds_count: " + scrape);
        }
        List<String> refused = refusedByPrometheusBefore243(scrape);
        if (!refused.isEmpty()) {
            throw new AssertionError("Prometheus before 2.43 drops the whole scrape for these lines: " + refused);
        }
    }

    /** The sample lines of the scrape that such a Prometheus refuses; empty when it reads the whole scrape. */
    static List<String> refusedByPrometheusBefore243(String scrape) {
        return scrape.lines()
                .filter(line -> EXEMPLAR_ON_COUNT_OR_SUM.matcher(line).matches())
                .toList();
    }
}
