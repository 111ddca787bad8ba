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
package io.confirmline.console.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.console.analytics.ReadModelRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.BaseSubscriber;
import reactor.netty.http.client.HttpClient;

/**
 * The calls CSV: its exact bytes for a few known attempts, who may download which tenant's, and 100,000 rows
 * streamed while the server holds only a bounded number of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallExportComponentTest extends ConsoleContext {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final String PASSWORD = "export-owner-password-16";

    @Autowired
    MeterRegistry meters;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String tenant = "h4e-" + suffix;
    private final String neighbour = "h4n-" + suffix;
    private final String big = "h4b-" + suffix;
    private final String address = "10.65." + ThreadLocalRandom.current().nextInt(1, 250) + "."
            + ThreadLocalRandom.current().nextInt(1, 250);
    private PageSession owner;
    private PageSession staff;

    @BeforeAll
    void tenants() {
        ReadModelRows.createTenant(admin(), tenant, "Export Tavern", MADRID.getId());
        ReadModelRows.createTenant(admin(), neighbour, "Next Door", MADRID.getId());
        ReadModelRows.createTenant(admin(), big, "Big Hall", "UTC");
        owner = signedInAs(tenant, "owner-" + tenant + "@example.com", "OWNER", PASSWORD, address);
        staff = signedInAs(tenant, "staff-" + tenant + "@example.com", "STAFF", PASSWORD, address);

        ReadModelRows rows = new ReadModelRows(db);
        Instant starts = Instant.parse("2026-07-01T18:30:00Z");
        // Two attempts: the first unanswered, the second confirmed; the guest's name tries a formula.
        rows.booking(
                tenant,
                "r1-" + suffix,
                starts,
                "CONFIRMED",
                "VOICE",
                2,
                4,
                starts.minusSeconds(1700),
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "+34600111222");
        rows.status(
                tenant,
                "r1-" + suffix,
                1,
                "SCHEDULED",
                "DIALING",
                "VOICE",
                starts.minusSeconds(1800),
                starts.minusSeconds(1800),
                null,
                null,
                null,
                null,
                null,
                null);
        rows.status(
                tenant,
                "r1-" + suffix,
                1,
                "DIALING",
                "SCHEDULED",
                "VOICE",
                starts.minusSeconds(1750),
                null,
                null,
                starts.minusSeconds(1760),
                0,
                "NO_ANSWER",
                486,
                "Nobody answered (8x8 NO_ANSWER)");
        rows.status(
                tenant,
                "r1-" + suffix,
                2,
                "SCHEDULED",
                "DIALING",
                "VOICE",
                starts.minusSeconds(1200),
                starts.minusSeconds(1200),
                null,
                null,
                null,
                null,
                null,
                null);
        rows.status(
                tenant,
                "r1-" + suffix,
                2,
                "IN_PROGRESS",
                "CONFIRMED",
                "VOICE",
                starts.minusSeconds(1170),
                null,
                starts.minusSeconds(1190),
                null,
                null,
                null,
                null,
                "The guest pressed the confirm key (1)");
        rows.status(
                tenant,
                "r1-" + suffix,
                2,
                "CONFIRMED",
                "CONFIRMED",
                "VOICE",
                starts.minusSeconds(1160),
                null,
                null,
                starts.minusSeconds(1165),
                35,
                "COMPLETED",
                null,
                null);
        // A name with a comma, quotes and letters beyond ASCII, cancelled by text.
        rows.booking(
                tenant,
                "r2-" + suffix,
                starts.plusSeconds(3600),
                "CANCELLED_BY_GUEST",
                "SMS",
                1,
                null,
                starts,
                "Muñoz, José \"Pepe\" 山田",
                "+34600333444");
        rows.status(
                tenant,
                "r2-" + suffix,
                1,
                "TEXTED",
                "CANCELLED_BY_GUEST",
                "SMS",
                starts,
                null,
                null,
                null,
                null,
                null,
                null,
                "The guest cancelled by text (\"no\")");
        // Outside the range (the next day in Madrid) and another tenant's in it: neither is exported.
        rows.booking(
                tenant,
                "r3-" + suffix,
                Instant.parse("2026-07-01T22:00:00Z"),
                "CONFIRMED",
                "VOICE",
                1,
                2,
                starts,
                "Late Guest",
                "+34600555666");
        rows.status(
                tenant,
                "r3-" + suffix,
                1,
                "IN_PROGRESS",
                "CONFIRMED",
                "VOICE",
                starts,
                starts,
                null,
                null,
                null,
                null,
                null,
                null);
        rows.booking(
                neighbour,
                "r4-" + suffix,
                starts,
                "CONFIRMED",
                "VOICE",
                1,
                2,
                starts,
                "Neighbour Guest",
                "+34600777888");
        rows.status(
                neighbour,
                "r4-" + suffix,
                1,
                "IN_PROGRESS",
                "CONFIRMED",
                "VOICE",
                starts,
                starts,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void theCsvHasOneRowPerAttemptEscapedNeutralisedWithABomAndCrLf() {
        var result = client.get()
                .uri("/api/exports/calls.csv?from=2026-07-01&to=2026-07-01")
                .header(HttpHeaders.COOKIE, PageSession.SESSION_COOKIE + "=" + owner.sessionId())
                .header("X-Forwarded-For", address)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/csv;charset=UTF-8")
                .expectHeader()
                .valueEquals(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"calls-" + tenant + "-2026-07-01-2026-07-01.csv\"")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(Arrays.copyOf(result, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(result, 3, result.length - 3, StandardCharsets.UTF_8);
        assertThat(csv)
                .isEqualTo(
                        "reservation,booking time (Europe/Madrid),guest name,phone,party size,attempt,channel,status,reason,"
                                + "dialed (Europe/Madrid),connected (Europe/Madrid),ended (Europe/Madrid),duration seconds,"
                                + "8x8 status,8x8 error code\r\n"
                                + "r1-" + suffix
                                + ",2026-07-01 20:30:00,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","
                                + "'+34600111222,4,1,VOICE,SCHEDULED,Nobody answered (8x8 NO_ANSWER),2026-07-01 20:00:00,,"
                                + "2026-07-01 20:00:40,0,NO_ANSWER,486\r\n"
                                + "r1-" + suffix
                                + ",2026-07-01 20:30:00,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","
                                + "'+34600111222,4,2,VOICE,CONFIRMED,,2026-07-01 20:10:00,2026-07-01 20:10:10,"
                                + "2026-07-01 20:10:35,35,COMPLETED,\r\n"
                                + "r2-" + suffix
                                + ",2026-07-01 21:30:00,\"Muñoz, José \"\"Pepe\"\" 山田\",'+34600333444,,1,SMS,"
                                + "CANCELLED_BY_GUEST,\"The guest cancelled by text (\"\"no\"\")\",,,,,,\r\n");
    }

    @Test
    void aUserExportsOnlyTheirOwnTenantAndThePlatformAdminNamesOne() {
        // STAFF may download (it changes nothing); naming another tenant is a 403 problem, not its data.
        String staffCsv = client.get()
                .uri("/api/exports/calls.csv?from=2026-07-01&to=2026-07-01&tenant=" + tenant)
                .header(HttpHeaders.COOKIE, PageSession.SESSION_COOKIE + "=" + staff.sessionId())
                .header("X-Forwarded-For", address)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(staffCsv).contains("r1-" + suffix).doesNotContain("r4-" + suffix);
        String refused = client.get()
                .uri("/api/exports/calls.csv?from=2026-07-01&to=2026-07-01&tenant=" + neighbour)
                .header(HttpHeaders.COOKIE, PageSession.SESSION_COOKIE + "=" + owner.sessionId())
                .header("X-Forwarded-For", address)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(refused).doesNotContain("r4-" + suffix, "Neighbour Guest");
        client.get()
                .uri("/api/exports/calls.csv?from=2026-07-01&to=2026-07-01")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        String neighbours = admin().get()
                .uri("/api/exports/calls.csv?from=2026-07-01&to=2026-07-01&tenant=" + neighbour)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(neighbours)
                .contains("r4-" + suffix + ",2026-07-01 20:30:00,Neighbour Guest")
                .doesNotContain("r1-");
        admin().get()
                .uri("/api/exports/calls.csv?from=2026-07-01&to=2026-07-01")
                .exchange()
                .expectStatus()
                .isBadRequest();
        // Each download is in the audit log, by whom and from where; a refused one is not.
        assertThat(db.sql("SELECT actor || ' ' || coalesce(remote_address, '') || ' ' || detail AS line FROM audit_log "
                                + "WHERE action = 'calls.exported' AND tenant_id = :tenant ORDER BY id")
                        .bind("tenant", tenant)
                        .map(row -> row.get("line", String.class))
                        .all()
                        .collectList()
                        .block())
                .contains("staff-" + tenant + "@example.com " + address
                        + " Calls of the bookings from 2026-07-01 to 2026-07-01 as CSV");
        assertThat(db.sql("SELECT count(*) AS n FROM audit_log WHERE action = 'calls.exported' AND tenant_id = :tenant")
                        .bind("tenant", neighbour)
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isEqualTo(1);
        admin().get()
                .uri("/api/exports/calls.csv?tenant=no-such-" + suffix)
                .exchange()
                .expectStatus()
                .isNotFound();
        admin().get()
                .uri("/api/exports/calls.csv?from=2026-07-02&to=2026-07-01&tenant=" + tenant)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void oneHundredThousandRowsStreamWhileTheServerHoldsOnlyABoundedNumber() throws Exception {
        int total = 100_000;
        // 100,000 bookings over 10 days, one attempt each, with long names so that the file (about 35 MB) is far
        // larger than what the sockets between us can hold.
        db.sql("""
                INSERT INTO booking_view (tenant_id, reservation_id, version, kind, cancelled, starts_at, time_zone,
                    guest_name, guest_phone, guest_locale, venue_name, party_size, call_id, status, channel, attempt,
                    last_change_at)
                SELECT :tenant, 'big-' || lpad(i::text, 6, '0'), 1, 'RESERVATION', false,
                       TIMESTAMPTZ '2026-05-01 00:00:00Z' + (i * interval '8 seconds'), 'UTC',
                       'Guest ' || i || ' ' || repeat('n', 250), '+3460' || lpad(i::text, 7, '0'), 'en', 'Big Hall',
                       1 + i % 8, 'call-big-' || i, 'CONFIRMED', 'VOICE', 1, now()
                  FROM generate_series(1, :total) AS i
                """).bind("tenant", big).bind("total", total).then().block();
        db.sql("""
                INSERT INTO call_status_view (event_id, tenant_id, subject_type, subject_id, call_id, attempt,
                    previous_status, status, channel, reason, dialed_at, connected_at, ended_at, duration_seconds,
                    provider_status, occurred_at)
                SELECT 'big-event-' || :tenant || '-' || i, :tenant, 'RESERVATION', 'big-' || lpad(i::text, 6, '0'),
                       'call-big-' || i, 1, 'IN_PROGRESS', 'CONFIRMED', 'VOICE', 'The guest pressed 1',
                       TIMESTAMPTZ '2026-04-30 23:00:00Z' + (i * interval '8 seconds'),
                       TIMESTAMPTZ '2026-04-30 23:00:05Z' + (i * interval '8 seconds'),
                       TIMESTAMPTZ '2026-04-30 23:00:30Z' + (i * interval '8 seconds'), 25, 'COMPLETED',
                       TIMESTAMPTZ '2026-04-30 23:00:20Z' + (i * interval '8 seconds')
                  FROM generate_series(1, :total) AS i
                """).bind("tenant", big).bind("total", total).then().block();

        // A client that reads slowly: a small receive buffer, and it stops asking after the first chunks.
        WebClient web = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .clientConnector(
                        new ReactorClientHttpConnector(HttpClient.create().option(ChannelOption.SO_RCVBUF, 32 * 1024)))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .build();
        double before = rowsRead();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        AtomicReference<Subscription> subscription = new AtomicReference<>();
        AtomicLong lines = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        web.get()
                .uri("/api/exports/calls.csv?from=2026-05-01&to=2026-05-10&tenant=" + big)
                .retrieve()
                .bodyToFlux(DataBuffer.class)
                .subscribe(new BaseSubscriber<DataBuffer>() {
                    @Override
                    protected void hookOnSubscribe(Subscription s) {
                        subscription.set(s);
                        s.request(4);
                    }

                    @Override
                    protected void hookOnNext(DataBuffer buffer) {
                        byte[] chunk = new byte[buffer.readableByteCount()];
                        buffer.read(chunk);
                        DataBufferUtils.release(buffer);
                        bytes.addAndGet(chunk.length);
                        String text = new String(chunk, StandardCharsets.UTF_8);
                        lines.addAndGet(text.chars().filter(c -> c == '\n').count());
                        if (head.length() < 4000) {
                            head.append(text);
                        }
                        tail.append(text);
                        if (tail.length() > 8000) {
                            tail.delete(0, tail.length() - 4000);
                        }
                    }

                    @Override
                    protected void hookOnError(Throwable error) {
                        failure.set(error);
                        done.countDown();
                    }

                    @Override
                    protected void hookOnComplete() {
                        done.countDown();
                    }
                });

        // Paused: the server reads ahead only as far as its fetch, its writes and the sockets let it.
        Thread.sleep(2500);
        double readWhilePaused = rowsRead() - before;
        System.gc();
        long heapPaused = memory.getHeapMemoryUsage().getUsed();
        assertThat(readWhilePaused)
                .as("rows read from the database while the client does not read")
                .isGreaterThan(0)
                .isLessThan(total / 3.0);

        subscription.get().request(Long.MAX_VALUE);
        assertThat(done.await(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isNull();
        System.out.printf(
                "calls.csv of %d rows: %d bytes; %.0f rows read from the database while the client paused; "
                        + "heap %+.1f MB while paused%n",
                total, bytes.get(), readWhilePaused, (heapPaused - heapBefore) / 1024.0 / 1024.0);

        assertThat(lines.get()).isEqualTo(total + 1L);
        assertThat(rowsRead() - before).isEqualTo(total);
        String[] first = head.toString().split("\r\n", 3);
        assertThat(first[1])
                .isEqualTo("big-000001,2026-05-01 00:00:08,Guest 1 " + "n".repeat(250)
                        + ",'+34600000001,2,1,VOICE,CONFIRMED,The guest pressed 1,2026-04-30 23:00:08,2026-04-30 23:00:13,"
                        + "2026-04-30 23:00:38,25,COMPLETED,");
        List<String> last = List.of(tail.toString().split("\r\n"));
        assertThat(last.get(last.size() - 1)).startsWith("big-100000,2026-05-10 06:13:20,Guest 100000 ");
    }

    private double rowsRead() {
        return meters.get("confirmline.console.export.rows").counter().count();
    }
}
