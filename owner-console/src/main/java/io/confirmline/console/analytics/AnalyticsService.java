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
package io.confirmline.console.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A tenant's {@link Figures} over a range: the queries, with every day and hour of the range filled in. */
@Service
public class AnalyticsService {

    private final AnalyticsQueries queries;

    public AnalyticsService(AnalyticsQueries queries) {
        this.queries = queries;
    }

    public Mono<Figures> figures(ReportTenant tenant, DateRange range) {
        ZoneId zone = tenant.zone();
        Instant start = range.start(zone);
        Instant end = range.end(zone);
        return Mono.zip(
                        queries.totals(tenant.id(), start, end),
                        queries.byDay(tenant.id(), zone, start, end).collectList(),
                        queries.byHour(tenant.id(), zone, start, end).collectList(),
                        queries.byChannel(tenant.id(), start, end).collectList(),
                        queries.textCosts(tenant.id(), start, end).collectList())
                .map(all -> {
                    AnalyticsQueries.Totals totals = all.getT1();
                    List<String> days =
                            range.days().stream().map(Object::toString).toList();
                    List<String> hours = new ArrayList<>();
                    for (int hour = 0; hour < 24; hour++) {
                        hours.add("%02d".formatted(hour));
                    }
                    return new Figures(
                            tenant,
                            range,
                            totals.outcomes(),
                            totals.cancelledInTime(),
                            totals.seatsFreed(),
                            totals.confirmedAttempts(),
                            totals.answered(),
                            totals.medianAnswerSeconds(),
                            totals.p90AnswerSeconds(),
                            filled(days, all.getT2()),
                            filled(hours, all.getT3()),
                            all.getT4(),
                            all.getT5());
                });
    }

    /** One entry per label, in the labels' order; a label without bookings gets zeros. */
    private static List<Outcomes> filled(List<String> labels, List<Outcomes> found) {
        Map<String, Outcomes> byLabel = found.stream().collect(Collectors.toMap(Outcomes::label, Function.identity()));
        return labels.stream()
                .map(label -> byLabel.getOrDefault(label, Outcomes.empty(label)))
                .toList();
    }
}
