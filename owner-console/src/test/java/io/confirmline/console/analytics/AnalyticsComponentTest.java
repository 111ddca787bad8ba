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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Every figure of the analytics equals a plain SQL recount over the same rows: a seeded, varied data set (bookings
 * over several days, hours, statuses and channels, some just outside the range, another tenant's in it, texts and
 * receipts) written into the read model, then the service, the page and the PDF compared with the recount.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsComponentTest extends ConsoleContext {

    /** The range crosses the US switch to summer time (8 March 2026), so one day has 23 hours. */
    private static final LocalDate FROM = LocalDate.parse("2026-03-05");

    private static final LocalDate TO = LocalDate.parse("2026-03-11");
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final List<String> STATUSES = List.of(
            "CONFIRMED",
            "CONFIRMED",
            "CONFIRMED",
            "CONFIRMED",
            "CANCELLED_BY_GUEST",
            "CANCELLED_BY_GUEST",
            "NO_RESPONSE",
            "UNREACHABLE",
            "FAILED",
            "TEXTED",
            "SCHEDULED",
            "WITHDRAWN",
            "SKIPPED");
    private static final List<String> CHANNELS =
            List.of("VOICE", "VOICE", "VOICE", "SMS", "SMS", "INBOUND_CALL", "CONSOLE");
    private static final String PASSWORD = "analytics-owner-password-16";

    @Autowired
    AnalyticsService analytics;

    private final String tenant = "h4a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = "h4x-" + UUID.randomUUID().toString().substring(0, 8);
    private final String owner = "owner-" + tenant + "@example.com";
    private final String address = "10.64." + ThreadLocalRandom.current().nextInt(1, 250) + "."
            + ThreadLocalRandom.current().nextInt(1, 250);
    private ReadModelRows rows;

    @BeforeAll
    void data() {
        ReadModelRows.createTenant(admin(), tenant, "Analytics Diner", ZONE.getId());
        onboard(tenant, owner, "OWNER", PASSWORD, address);
        rows = new ReadModelRows(db);
        Random random = new Random(16);
        Instant first = FROM.minusDays(1).atStartOfDay(ZONE).toInstant();
        long span = Duration.between(first, TO.plusDays(2).atStartOfDay(ZONE).toInstant())
                .toMinutes();
        for (int i = 0; i < 260; i++) {
            Instant starts = first.plus(Duration.ofMinutes(random.nextInt((int) (span / 15)) * 15L));
            seedBooking(tenant, "h4-" + tenant + "-" + i, starts, random);
        }
        // Exactly on the range's edges: the first instant is in, the first instant after is out.
        seedBooking(tenant, "h4-" + tenant + "-edge-in", FROM.atStartOfDay(ZONE).toInstant(), random);
        seedBooking(
                tenant,
                "h4-" + tenant + "-edge-out",
                TO.plusDays(1).atStartOfDay(ZONE).toInstant(),
                random);
        for (int i = 0; i < 30; i++) {
            seedBooking(
                    other,
                    "h4-" + other + "-" + i,
                    FROM.atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(random.nextInt(24 * 7))),
                    random);
        }
        for (int i = 0; i < 50; i++) {
            Instant at = first.plus(Duration.ofMinutes(random.nextInt((int) span)));
            BigDecimal price = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(900) + 100, 4);
            rows.receipt(i % 5 == 0 ? other : tenant, at, price, random.nextBoolean() ? "EUR" : "USD");
        }
    }

    /** A booking with a plausible history: dialled attempts (or a text only), the deciding change, a call.completed. */
    private void seedBooking(String tenantId, String reservation, Instant starts, Random random) {
        String status = STATUSES.get(random.nextInt(STATUSES.size()));
        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        int attempts = 1 + random.nextInt(3);
        Integer party = random.nextInt(8) == 0 ? null : 1 + random.nextInt(8);
        boolean textOnly = random.nextInt(7) == 0;
        Instant reached = starts.minus(Duration.ofMinutes(30 + random.nextInt(180)));
        Instant decided = reached.plus(Duration.ofSeconds(5 + random.nextInt(random.nextInt(5) == 0 ? 20_000 : 600)));
        String phone = "+3469" + (1_000_000 + random.nextInt(8_999_999));
        rows.booking(
                tenantId,
                reservation,
                starts,
                status,
                channel,
                textOnly ? 0 : attempts,
                party,
                decided.plusSeconds(random.nextInt(60)),
                "Guest " + reservation,
                phone);
        if (status.equals("SCHEDULED") || status.equals("WITHDRAWN") || status.equals("SKIPPED")) {
            rows.status(
                    tenantId,
                    reservation,
                    1,
                    null,
                    status,
                    "VOICE",
                    reached.minusSeconds(3600),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            return;
        }
        if (textOnly) {
            rows.textSent(tenantId, reservation, phone, reached);
        } else {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                Instant dialed = reached.plus(Duration.ofMinutes(10L * (attempt - 1)));
                rows.status(
                        tenantId,
                        reservation,
                        attempt,
                        "SCHEDULED",
                        "DIALING",
                        "VOICE",
                        dialed,
                        dialed,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
                if (random.nextBoolean()) {
                    // A later text about the same booking does not move the start of its time to answer.
                    rows.textSent(tenantId, reservation, phone, dialed.plusSeconds(90));
                }
            }
        }
        if (status.equals("TEXTED")) {
            rows.status(
                    tenantId,
                    reservation,
                    attempts,
                    "IN_PROGRESS",
                    "TEXTED",
                    "SMS",
                    decided,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            return;
        }
        if (random.nextInt(4) > 0) {
            rows.status(
                    tenantId,
                    reservation,
                    attempts,
                    "IN_PROGRESS",
                    status,
                    channel,
                    decided,
                    textOnly ? null : reached,
                    decided.minusSeconds(2),
                    decided.plusSeconds(8),
                    12,
                    "COMPLETED",
                    status.equals("FAILED") ? 3 : null,
                    "decided");
            // The call.completed after it repeats the status: not a change, not the decision.
            rows.status(
                    tenantId,
                    reservation,
                    attempts,
                    status,
                    status,
                    channel,
                    decided.plusSeconds(20),
                    null,
                    null,
                    decided.plusSeconds(8),
                    12,
                    "COMPLETED",
                    null,
                    null);
        }
        // else: the history lacks the deciding change (e.g. not consumed yet): the row's last change stands for it.
    }

    @Test
    void everyFigureEqualsAPlainSqlRecountOverTheSameRows() {
        Figures figures = analytics
                .figures(new ReportTenant(tenant, "Analytics Diner", ZONE), new DateRange(FROM, TO))
                .block();
        Recount recount = recount();

        assertThat(figures.totals().bookings())
                .isEqualTo(recount.total("bookings"))
                .isGreaterThan(150);
        assertThat(figures.totals().outcomes()).isEqualTo(recount.total("outcomes"));
        assertThat(figures.totals().confirmed()).isEqualTo(recount.total("CONFIRMED"));
        assertThat(figures.totals().cancelled()).isEqualTo(recount.total("CANCELLED_BY_GUEST"));
        assertThat(figures.totals().noResponse()).isEqualTo(recount.total("NO_RESPONSE"));
        assertThat(figures.totals().unreachable()).isEqualTo(recount.total("UNREACHABLE"));
        assertThat(figures.totals().failed()).isEqualTo(recount.total("FAILED"));
        assertThat(figures.confirmationRate())
                .isCloseTo((double) recount.total("CONFIRMED") / recount.total("outcomes"), within(1e-12));
        assertThat(figures.noResponseRate())
                .isCloseTo((double) recount.total("NO_RESPONSE") / recount.total("outcomes"), within(1e-12));
        assertThat(figures.unreachableRate())
                .isCloseTo((double) recount.total("UNREACHABLE") / recount.total("outcomes"), within(1e-12));

        long[] inTime = db.sql("""
                SELECT count(*) AS n, coalesce(sum(party_size), 0) AS seats FROM booking_view b
                 WHERE tenant_id = :tenant AND (starts_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
                   AND status = 'CANCELLED_BY_GUEST'
                   AND coalesce((SELECT c.occurred_at FROM call_status_view c
                                  WHERE c.tenant_id = b.tenant_id AND c.subject_id = b.reservation_id
                                    AND c.status = 'CANCELLED_BY_GUEST' AND coalesce(c.previous_status, '') <> c.status
                                  ORDER BY c.occurred_at LIMIT 1), last_change_at) < starts_at
                """)
                .bind("tenant", tenant)
                .bind("zone", ZONE.getId())
                .bind("from", FROM)
                .bind("to", TO)
                .map(row -> new long[] {
                    row.get("n", Long.class), row.get("seats", Number.class).longValue()
                })
                .one()
                .block();
        assertThat(figures.cancelledInTime())
                .isEqualTo(inTime[0])
                .isPositive()
                .isLessThan(recount.total("CANCELLED_BY_GUEST"));
        assertThat(figures.seatsFreed()).isEqualTo(inTime[1]);

        long attempts = db.sql("""
                SELECT coalesce(sum(attempt), 0) AS n FROM booking_view
                 WHERE tenant_id = :tenant AND (starts_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
                   AND status = 'CONFIRMED'
                """)
                .bind("tenant", tenant)
                .bind("zone", ZONE.getId())
                .bind("from", FROM)
                .bind("to", TO)
                .map(row -> row.get("n", Number.class).longValue())
                .one()
                .block();
        assertThat(figures.attemptsPerConfirmation())
                .isCloseTo((double) attempts / recount.total("CONFIRMED"), within(1e-12));

        List<Double> answers = db.sql("""
                SELECT extract(epoch FROM
                         coalesce((SELECT c.occurred_at FROM call_status_view c
                                    WHERE c.tenant_id = b.tenant_id AND c.subject_id = b.reservation_id
                                      AND c.status = b.status AND coalesce(c.previous_status, '') <> c.status
                                    ORDER BY c.occurred_at LIMIT 1), b.last_change_at)
                       - coalesce((SELECT c.dialed_at FROM call_status_view c
                                    WHERE c.tenant_id = b.tenant_id AND c.subject_id = b.reservation_id
                                      AND c.dialed_at IS NOT NULL ORDER BY c.dialed_at LIMIT 1),
                                  (SELECT m.created_at FROM conversation_message m
                                    WHERE m.tenant_id = b.tenant_id AND m.reservation_id = b.reservation_id
                                      AND m.direction = 'OUTBOUND' ORDER BY m.created_at LIMIT 1)))::float8 AS seconds
                  FROM booking_view b
                 WHERE tenant_id = :tenant AND (starts_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
                   AND status IN ('CONFIRMED', 'CANCELLED_BY_GUEST')
                """)
                .bind("tenant", tenant)
                .bind("zone", ZONE.getId())
                .bind("from", FROM)
                .bind("to", TO)
                .map(row -> row.get("seconds", Double.class))
                .all()
                .filter(seconds -> seconds != null && seconds >= 0)
                .sort()
                .collectList()
                .block();
        assertThat(figures.answered()).isEqualTo(answers.size()).isPositive();
        assertThat(figures.medianAnswerSeconds()).isCloseTo(percentile(answers, 0.5), within(1e-6));
        assertThat(figures.p90AnswerSeconds()).isCloseTo(percentile(answers, 0.9), within(1e-6));

        assertThat(figures.byDay())
                .extracting(Outcomes::label)
                .containsExactly(
                        "2026-03-05",
                        "2026-03-06",
                        "2026-03-07",
                        "2026-03-08",
                        "2026-03-09",
                        "2026-03-10",
                        "2026-03-11");
        for (Outcomes day : figures.byDay()) {
            assertThat(day).isEqualTo(recount.bucket("day", day.label()));
        }
        assertThat(figures.byHour()).hasSize(24);
        for (Outcomes hour : figures.byHour()) {
            assertThat(hour).isEqualTo(recount.bucket("hour", hour.label()));
        }
        assertThat(figures.byDay().stream().mapToLong(Outcomes::bookings).sum())
                .isEqualTo(figures.totals().bookings());

        Map<String, long[]> channels = new HashMap<>();
        db.sql("""
                SELECT channel, status, count(*) AS n FROM booking_view
                 WHERE tenant_id = :tenant AND (starts_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
                   AND status IN ('CONFIRMED', 'CANCELLED_BY_GUEST', 'NO_RESPONSE', 'UNREACHABLE', 'FAILED')
                 GROUP BY channel, status
                """)
                .bind("tenant", tenant)
                .bind("zone", ZONE.getId())
                .bind("from", FROM)
                .bind("to", TO)
                .map(row -> {
                    long[] counts = channels.computeIfAbsent(row.get("channel", String.class), c -> new long[3]);
                    long n = row.get("n", Long.class);
                    counts[0] += n;
                    counts[1] += "CONFIRMED".equals(row.get("status", String.class)) ? n : 0;
                    counts[2] += "CANCELLED_BY_GUEST".equals(row.get("status", String.class)) ? n : 0;
                    return n;
                })
                .all()
                .blockLast();
        assertThat(figures.byChannel())
                .extracting(ChannelOutcomes::channel)
                .containsExactlyInAnyOrderElementsOf(channels.keySet())
                .contains("VOICE", "SMS", "INBOUND_CALL", "CONSOLE");
        for (ChannelOutcomes channel : figures.byChannel()) {
            long[] expected = channels.get(channel.channel());
            assertThat(new long[] {channel.outcomes(), channel.confirmed(), channel.cancelled()})
                    .isEqualTo(expected);
        }

        Map<String, BigDecimal> costs = new HashMap<>();
        Map<String, Long> texts = new HashMap<>();
        db.sql("""
                SELECT currency, price_total FROM text_receipt
                 WHERE tenant_id = :tenant AND (received_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
                """)
                .bind("tenant", tenant)
                .bind("zone", ZONE.getId())
                .bind("from", FROM)
                .bind("to", TO)
                .map(row -> {
                    BigDecimal price = row.get("price_total", BigDecimal.class);
                    if (price != null) {
                        costs.merge(row.get("currency", String.class), price, BigDecimal::add);
                        texts.merge(row.get("currency", String.class), 1L, Long::sum);
                    }
                    return 1;
                })
                .all()
                .blockLast();
        assertThat(figures.textCosts()).extracting(TextCost::currency).containsExactly("EUR", "USD");
        for (TextCost cost : figures.textCosts()) {
            assertThat(cost.total()).isEqualByComparingTo(costs.get(cost.currency()));
            assertThat(cost.texts()).isEqualTo(texts.get(cost.currency()));
        }
    }

    @Test
    void thePageShowsTheSameNumbersInItsTablesAndCharts() {
        Figures figures = analytics
                .figures(new ReportTenant(tenant, "Analytics Diner", ZONE), new DateRange(FROM, TO))
                .block();
        PageSession page = new PageSession(client, address);
        assertThat(page.login(owner, PASSWORD).location()).hasToString("/");

        PageSession.Response answer = page.get("/analytics?from=" + FROM + "&to=" + TO);
        assertThat(answer.status()).isEqualTo(HttpStatus.OK);
        String html = answer.body();
        assertThat(value(html, "fig-bookings"))
                .isEqualTo(Long.toString(figures.totals().bookings()));
        assertThat(Double.parseDouble(value(html, "fig-confirmation-rate"))).isEqualTo(figures.confirmationRate());
        assertThat(value(html, "fig-cancelled-in-time")).isEqualTo(Long.toString(figures.cancelledInTime()));
        assertThat(value(html, "fig-seats-freed")).isEqualTo(Long.toString(figures.seatsFreed()));
        assertThat(Double.parseDouble(value(html, "fig-p90-answer"))).isEqualTo(figures.p90AnswerSeconds());
        // The labelled date inputs hold the range; the confirmation rate is written the English way.
        assertThat(html)
                .contains("<label for=\"from\"")
                .contains("type=\"date\" id=\"from\" name=\"from\" value=\"2026-03-05\"")
                .contains(new AnalyticsFormat().percent(figures.confirmationRate(), Locale.ENGLISH));
        Outcomes sunday = figures.byDay().get(3);
        assertThat(html)
                .contains("id=\"day-2026-03-08\"")
                .contains("<title>2026-03-08: "
                        + new AnalyticsFormat().percent(sunday.confirmationRate(), Locale.ENGLISH) + "</title>")
                .contains("aria-label=\"Confirmation rate by day\"")
                .contains("href=\"/api/exports/calls.csv?from=2026-03-05&amp;to=2026-03-11\"");

        String spanish = client.get()
                .uri("/analytics?from=" + FROM + "&to=" + TO)
                .header(HttpHeaders.COOKIE, PageSession.SESSION_COOKIE + "=" + page.sessionId())
                .header("X-Forwarded-For", address)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "es-ES")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(spanish)
                .contains("lang=\"es\"")
                .contains("Tasa de confirmación")
                .contains(new AnalyticsFormat().percent(figures.confirmationRate(), Locale.forLanguageTag("es")));

        // A backwards range is refused in words, and the page shows the last 7 days instead.
        PageSession.Response backwards = page.get("/analytics?from=" + TO + "&to=" + FROM);
        assertThat(backwards.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(backwards.body()).contains("id=\"range-invalid\"");
    }

    @Test
    void thePdfReportHasTheTenantTheRangeAndTheFiguresOfTheRecount() throws Exception {
        Figures figures = analytics
                .figures(new ReportTenant(tenant, "Analytics Diner", ZONE), new DateRange(FROM, TO))
                .block();
        PageSession page = new PageSession(client, address);
        page.login(owner, PASSWORD);
        var result = client.get()
                .uri("/analytics/report.pdf?from=" + FROM + "&to=" + TO)
                .header(HttpHeaders.COOKIE, PageSession.SESSION_COOKIE + "=" + page.sessionId())
                .header("X-Forwarded-For", address)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PDF)
                .expectHeader()
                .valueMatches(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"analytics-" + tenant + "-2026-03-05-2026-03-11.pdf\"")
                .expectBody(byte[].class)
                .returnResult();
        PdfReader reader = new PdfReader(result.getResponseBody());
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int number = 1; number <= reader.getNumberOfPages(); number++) {
            text.append(extractor.getTextFromPage(number)).append('\n');
        }
        reader.close();
        // The extractor does not keep the gap between a table's cells: compare without any white space.
        String pdf = text.toString().replaceAll("\\s+", "");
        AnalyticsFormat format = new AnalyticsFormat();
        assertThat(text.toString()).contains("Analytics Diner — analytics from 2026-03-05 to 2026-03-11");
        assertThat(pdf)
                .contains(compact("Confirmation rate " + format.percent(figures.confirmationRate(), Locale.ENGLISH)))
                .contains(compact("Bookings " + figures.totals().bookings()))
                .contains(compact("Final outcomes " + figures.totals().outcomes()))
                .contains(compact("Cancellations caught in time " + figures.cancelledInTime()))
                .contains(compact("Seats those cancellations freed " + figures.seatsFreed()))
                .contains(compact("No-response rate " + format.percent(figures.noResponseRate(), Locale.ENGLISH)))
                .contains(compact("Unreachable rate " + format.percent(figures.unreachableRate(), Locale.ENGLISH)))
                .contains(compact(
                        "Calls per confirmation " + format.decimal(figures.attemptsPerConfirmation(), Locale.ENGLISH)))
                .contains(compact(
                        "Time to answer, median " + format.duration(figures.medianAnswerSeconds(), Locale.ENGLISH)))
                .contains(compact("Time to answer, 90th percentile "
                        + format.duration(figures.p90AnswerSeconds(), Locale.ENGLISH)));
        for (Outcomes day : figures.byDay()) {
            assertThat(pdf)
                    .contains(compact(day.label() + " " + day.bookings() + " " + day.outcomes() + " "
                            + day.confirmed() + " " + day.cancelled() + " " + day.noResponse() + " " + day.unreachable()
                            + " "
                            + day.failed() + " " + format.percent(day.confirmationRate(), Locale.ENGLISH)));
        }
    }

    private static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** percentile_cont: linear interpolation between the two nearest of the sorted values. */
    private static double percentile(List<Double> sorted, double fraction) {
        double position = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (position - below);
    }

    private static String value(String html, String id) {
        Matcher matcher =
                Pattern.compile("id=\"" + id + "\" data-value=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).as("a data-value on #" + id).isTrue();
        return matcher.group(1);
    }

    /** Counts per status over the whole range, per day and per hour of day, in plain SQL. */
    private Recount recount() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        db.sql("""
                SELECT (starts_at AT TIME ZONE :zone)::date::text AS day,
                       lpad(extract(hour FROM starts_at AT TIME ZONE :zone)::int::text, 2, '0') AS hour,
                       status, count(*) AS n
                  FROM booking_view
                 WHERE tenant_id = :tenant AND (starts_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
                 GROUP BY 1, 2, 3
                """)
                .bind("tenant", tenant)
                .bind("zone", ZONE.getId())
                .bind("from", FROM)
                .bind("to", TO)
                .map(row -> {
                    long n = row.get("n", Long.class);
                    for (String key : List.of(
                            "total", "day:" + row.get("day", String.class), "hour:" + row.get("hour", String.class))) {
                        counts.computeIfAbsent(key, k -> new HashMap<>())
                                .merge(row.get("status", String.class), n, Long::sum);
                    }
                    return n;
                })
                .all()
                .blockLast();
        return new Recount(counts);
    }

    private record Recount(Map<String, Map<String, Long>> counts) {

        long total(String what) {
            return count(counts.getOrDefault("total", Map.of()), what);
        }

        Outcomes bucket(String kind, String label) {
            Map<String, Long> of = counts.getOrDefault(kind + ":" + label, Map.of());
            return new Outcomes(
                    label,
                    count(of, "bookings"),
                    count(of, "outcomes"),
                    count(of, "CONFIRMED"),
                    count(of, "CANCELLED_BY_GUEST"),
                    count(of, "NO_RESPONSE"),
                    count(of, "UNREACHABLE"),
                    count(of, "FAILED"));
        }

        private static long count(Map<String, Long> byStatus, String what) {
            return switch (what) {
                case "bookings" ->
                    byStatus.values().stream().mapToLong(Long::longValue).sum();
                case "outcomes" ->
                    List.of("CONFIRMED", "CANCELLED_BY_GUEST", "NO_RESPONSE", "UNREACHABLE", "FAILED").stream()
                            .mapToLong(status -> byStatus.getOrDefault(status, 0L))
                            .sum();
                default -> byStatus.getOrDefault(what, 0L);
            };
        }
    }
}
