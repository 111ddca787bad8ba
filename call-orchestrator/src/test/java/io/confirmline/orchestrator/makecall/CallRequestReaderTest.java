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
package io.confirmline.orchestrator.makecall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.BookingKind;
import io.confirmline.events.VoiceMessagePurpose;
import io.confirmline.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallRequestReaderTest {

    static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

    static CallRequest read(String json) {
        return CallRequestReader.read(json.getBytes(StandardCharsets.UTF_8), "luigis", NOW);
    }

    @Test
    void theSameRequestInAnyKeyOrderDerivesTheSameEventIdAndAnotherTenantADifferentOne() {
        String a = "{\"type\":\"APPOINTMENT\",\"reservationId\":\"a-1\",\"startsAt\":\"2026-11-22T10:00:00+01:00\","
                + "\"timeZone\":\"Europe/Madrid\",\"guestName\":\"Ana\",\"guestPhone\":\"+34600111222\",\"venueName\":\"Clinic\"}";
        String b =
                "{\"venueName\":\"Clinic\",\"guestPhone\":\"+34600111222\",\"guestName\":\"Ana\",\"timeZone\":\"Europe/Madrid\","
                        + "\"startsAt\":\"2026-11-22T10:00:00+01:00\",\"reservationId\":\"a-1\",\"type\":\"APPOINTMENT\"}";
        var first = ((CallRequest.Booking) read(a)).event();
        var second = ((CallRequest.Booking) read(b)).event();
        assertThat(first.getEventId()).isEqualTo(second.getEventId());
        assertThat(((CallRequest.Booking) CallRequestReader.read(a.getBytes(StandardCharsets.UTF_8), "other", NOW))
                        .event()
                        .getEventId())
                .isNotEqualTo(first.getEventId());
        assertThat(first.getKind()).isEqualTo(BookingKind.APPOINTMENT);
        assertThat(first.getStartsAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(first.getVersion()).isEqualTo(NOW.toEpochMilli());
        assertThat(first.getGuestLocale()).isEqualTo("en");
        assertThat(first.getTenantId()).isEqualTo("luigis");
    }

    @Test
    void aVoiceMessageGetsItsDefaultsAndTheTenantNeverComesFromTheBody() {
        var message = ((CallRequest.Message) read("{\"type\":\"VOICE_MESSAGE\",\"tenantId\":\"someone-else\","
                        + "\"messageId\":\"m-1\",\"phone\":\"+447911123456\",\"text\":\"Hello\"}"))
                .event();
        assertThat(message.getTenantId()).isEqualTo("luigis");
        assertThat(message.getRepetitions()).isEqualTo(1);
        assertThat(message.getPurpose()).isEqualTo(VoiceMessagePurpose.NOTICE);
        assertThat(message.getValidUntil()).isNull();
    }

    @Test
    void everyMissingOrMistypedFieldIsNamedAtOnce() {
        assertThatThrownBy(() -> read("{\"type\":\"VOICE_MESSAGE\",\"repetitions\":2.5,\"purpose\":\"SPAM\","
                        + "\"validUntil\":\"soon\"}"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.errors())
                                .extracting(ProblemException.FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "messageId", "phone", "text", "repetitions", "purpose", "validUntil"));
        assertThatThrownBy(() -> read("[1,2]")).hasMessage("The body must be a JSON object");
        assertThatThrownBy(() -> read("{\"reservationId\":\"r\"}"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.errors())
                                .extracting(ProblemException.FieldError::field)
                                .containsExactly("type"));
    }

    @Test
    void aNulInATextFieldIsAFieldErrorNotAFailedInsert() {
        assertThatThrownBy(
                        () -> read("{\"type\":\"VOICE_MESSAGE\",\"messageId\":\"m\\u0000\",\"phone\":\"+447911123456\","
                                + "\"text\":\"hi\"}"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.errors())
                                .extracting(ProblemException.FieldError::field)
                                .contains("messageId"));
    }

    @Test
    void unknownIsNotAPurposeAnyoneMaySend() {
        assertThatThrownBy(() -> read("{\"type\":\"VOICE_MESSAGE\",\"messageId\":\"m-2\",\"phone\":\"+447911123456\","
                        + "\"text\":\"hi\",\"purpose\":\"UNKNOWN\"}"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.errors())
                                .singleElement()
                                .satisfies(error -> assertThat(error.message())
                                        .isEqualTo("must be one of [OTP, NOTICE, ALERT], was UNKNOWN")));
    }
}
