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
package io.confirmline.console.board;

import io.confirmline.console.home.OwnTenant;
import io.confirmline.console.page.VenuePages;
import io.confirmline.console.readmodel.BoardRow;
import io.confirmline.console.readmodel.Bookings;
import io.confirmline.console.readmodel.LiveChanges;
import io.confirmline.console.security.ConsolePrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Today board ({@code /}, issue #16 item 2): the tenant's bookings from two hours ago to the next 24 hours
 * (or a shorter window), their status, attempt, channel and last change, counts per status, filters by status and
 * window. The page is complete without JavaScript; {@code board.js} keeps it live from {@code /live}, starting
 * after the newest change the page already reflects (read before the bookings, so nothing falls in between).
 * Who is signed in stays on the page (ids {@code who-email}, {@code who-role}, {@code who-tenant}).
 */
@Controller
class BoardController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Bookings bookings;
    private final LiveChanges live;
    private final OwnTenant tenants;
    private final VenuePages pages;
    private final MessageSource messages;
    private final Clock clock;

    BoardController(Bookings bookings, LiveChanges live, OwnTenant tenants, VenuePages pages, MessageSource messages) {
        this.bookings = bookings;
        this.live = live;
        this.tenants = tenants;
        this.pages = pages;
        this.messages = messages;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/")
    Mono<String> board(
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "hours", required = false) String hours,
            Model model,
            Locale locale) {
        BoardFilter filter = BoardFilter.of(status, hours);
        Instant now = clock.instant();
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", BoardStatuses.ALL);
        model.addAttribute("windows", BoardFilter.HOURS);
        model.addAttribute("labels", labels(locale));
        return ConsolePrincipal.current().flatMap(principal -> {
            model.addAttribute("principal", principal);
            String tenantId = principal.tenantId().orElse("");
            Mono<Void> tenant = tenants.find(tenantId)
                    .doOnNext(view -> model.addAttribute("tenant", view))
                    .then();
            Mono<Void> zone = pages.timeZone(tenantId)
                    .doOnNext(timeZone -> model.addAttribute("timeZone", timeZone))
                    .then();
            Mono<Void> rows = live.latestId()
                    .doOnNext(latest -> model.addAttribute("liveFrom", latest))
                    .then(bookings.startingBetween(tenantId, filter.from(now), filter.latest(now))
                            .collectList())
                    .doOnNext(list -> {
                        List<BoardRow> within = list.stream()
                                .filter(row -> filter.within(row.startsAt(), now))
                                .toList();
                        model.addAttribute(
                                "rows",
                                list.stream()
                                        .map(row -> new Line(row, !within.contains(row) || !filter.shows(row.status())))
                                        .toList());
                        model.addAttribute("counts", counts(within));
                        model.addAttribute(
                                "shown",
                                within.stream()
                                        .filter(row -> filter.shows(row.status()))
                                        .count());
                    })
                    .then();
            return Mono.when(tenant, zone, rows).thenReturn("board");
        });
    }

    /** A row of the page; hidden when outside the window or of another status than the one asked for. */
    record Line(BoardRow row, boolean hidden) {}

    /** Every known status with its count (zeros too: a status appears live), then any other found. */
    private static Map<String, Long> counts(List<BoardRow> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        BoardStatuses.ALL.forEach(status -> counts.put(status, 0L));
        rows.forEach(row -> counts.merge(row.status(), 1L, Long::sum));
        return counts;
    }

    /** The status, channel and column names in the reader's language, for the rows board.js adds. */
    private String labels(Locale locale) {
        Map<String, String> statuses = new LinkedHashMap<>();
        BoardStatuses.ALL.forEach(
                status -> statuses.put(status, messages.getMessage("board.status." + status, null, status, locale)));
        Map<String, String> channels = new LinkedHashMap<>();
        BoardStatuses.CHANNELS.forEach(channel ->
                channels.put(channel, messages.getMessage("board.channel." + channel, null, channel, locale)));
        Map<String, String> columns = new LinkedHashMap<>();
        List.of("time", "guest", "party", "status", "attempt", "channel", "changed")
                .forEach(column ->
                        columns.put(column, messages.getMessage("board.col." + column, null, column, locale)));
        return JSON.writeValueAsString(Map.of("status", statuses, "channel", channels, "column", columns));
    }
}
