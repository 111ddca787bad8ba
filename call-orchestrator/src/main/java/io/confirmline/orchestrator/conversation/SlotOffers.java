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
package io.confirmline.orchestrator.conversation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The free times offered to a guest (issue #17 item 3) and the guest's pick. The guest answers in their own words
 * ("8:30 please", "the 20:30 one"); a text naming exactly one of the offered times is that pick. Times are matched,
 * not numbered choices, because a guest's "1" or "0" already means confirm or cancel.
 */
@Component
public class SlotOffers {

    /** One of "20:30", "8:30", "8.30", "20h30", "8:30pm", "8 pm"; the minutes are required unless am/pm is given. */
    private static final Pattern TIME = Pattern.compile(
            "(?<![\\d:.])(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(a\\.?m\\.?|p\\.?m\\.?)?(?![\\d])", Pattern.CASE_INSENSITIVE);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What was offered.
     *
     * @param reservationId the booking to change; empty for a new booking
     */
    public record Offer(LocalDate date, List<LocalTime> times, Optional<String> reservationId, int partySize) {}

    /** The offer and the time the guest picked from it. */
    public record Pick(Offer offer, LocalTime time) {}

    private final DatabaseClient db;
    private final ConversationProperties properties;

    public SlotOffers(DatabaseClient db, ConversationProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** Remembers what was offered to the guest, replacing an earlier offer (in the caller's transaction). */
    public Mono<Void> offer(String tenantId, String phone, Offer offer, Instant now) {
        List<String> times = offer.times().stream().map(LocalTime::toString).toList();
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO conversation (tenant_id, phone, offered_slots, offered_date, offered_for, offered_party,
                                                  offered_at)
                        VALUES (:tenant, :phone, CAST(:slots AS jsonb), :date, :for, :party, :now)
                        ON CONFLICT (tenant_id, phone) DO UPDATE SET offered_slots = excluded.offered_slots,
                            offered_date = excluded.offered_date, offered_for = excluded.offered_for,
                            offered_party = excluded.offered_party, offered_at = excluded.offered_at""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .bind("slots", JSON.writeValueAsString(times))
                .bind("date", offer.date())
                .bind("party", offer.partySize())
                .bind("now", TextMessages.utc(now));
        spec = offer.reservationId().isPresent()
                ? spec.bind("for", offer.reservationId().get())
                : spec.bindNull("for", String.class);
        return spec.then();
    }

    /**
     * The offered time this text picks, if it names exactly one of a still valid offer; the offer is then used up
     * (in the caller's transaction), so the same pick is never sent twice.
     */
    public Mono<Pick> picked(String tenantId, String phone, String body, Instant now) {
        List<LocalTime> named = times(body);
        if (named.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        SELECT offered_slots::text AS slots, offered_date, offered_for, offered_party FROM conversation
                        WHERE tenant_id = :tenant AND phone = :phone AND offered_slots IS NOT NULL AND offered_at > :since
                        FOR UPDATE""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .bind("since", TextMessages.utc(now.minus(properties.offerValidity())))
                .map(row -> new Offer(
                        row.get("offered_date", LocalDate.class),
                        List.of(JSON.readValue(row.get("slots", String.class), String[].class)).stream()
                                .map(LocalTime::parse)
                                .toList(),
                        Optional.ofNullable(row.get("offered_for", String.class)),
                        row.get("offered_party", Integer.class)))
                .one()
                .flatMap(offer -> {
                    List<LocalTime> matches =
                            offer.times().stream().filter(named::contains).toList();
                    if (matches.size() != 1) {
                        return Mono.empty();
                    }
                    return db.sql(
                                    "UPDATE conversation SET offered_slots = NULL WHERE tenant_id = :tenant AND phone = :phone")
                            .bind("tenant", tenantId)
                            .bind("phone", phone)
                            .then()
                            .thenReturn(new Pick(offer, matches.get(0)));
                });
    }

    /**
     * The times a text may mean: as written on a 24-hour clock, or with am/pm as said; "8:30" without either may be
     * morning or evening, so it stands for both.
     */
    static List<LocalTime> times(String body) {
        List<LocalTime> times = new ArrayList<>();
        Matcher m = TIME.matcher(body == null ? "" : body);
        while (m.find()) {
            int hour = Integer.parseInt(m.group(1));
            String minutes = m.group(2);
            String half = m.group(3) == null
                    ? null
                    : m.group(3).toLowerCase(Locale.ROOT).replace(".", "");
            if (minutes == null && half == null) {
                continue;
            }
            int minute = minutes == null ? 0 : Integer.parseInt(minutes);
            if (minute > 59 || hour > 23 || (half != null && (hour < 1 || hour > 12))) {
                continue;
            }
            if ("pm".equals(half) && hour < 12) {
                hour += 12;
            } else if ("am".equals(half) && hour == 12) {
                hour = 0;
            }
            times.add(LocalTime.of(hour, minute));
            if (half == null && hour < 12) {
                times.add(LocalTime.of(hour + 12, minute));
            }
        }
        return times;
    }
}
