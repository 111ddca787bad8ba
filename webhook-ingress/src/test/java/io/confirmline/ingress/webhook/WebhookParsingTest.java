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
package io.confirmline.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.CallLeg;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.ingress.Fixtures;
import io.confirmline.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class WebhookParsingTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-21T20:00:00Z");

    private static CallActionReceived vca(String fixture) {
        return CallActions.toEvent(EightByEightWebhook.parse(Fixtures.bytes(fixture)), "luigis", RECEIVED);
    }

    private static SessionSummaryReceived vss(String fixture) {
        return SessionSummaries.toEvent(EightByEightWebhook.parse(Fixtures.bytes(fixture)), "luigis", RECEIVED);
    }

    @Test
    void currentShapeWithEventDataObject() {
        CallActionReceived event = vca("vca-event-data-object.json");

        assertThat(event.getDigits()).isEqualTo("1");
        assertThat(event.getEventId()).isEqualTo("77e6a667-133a-11ef-9dd4-e911cc6fc82f");
        assertThat(event.getSessionId()).isEqualTo("a4fad4b3-b388-12ee-b217-2fb8260fcf59");
        assertThat(event.getSubAccountId()).isEqualTo("luigis_voice");
        assertThat(event.getTenantId()).isEqualTo("luigis");
        assertThat(event.getCallId()).isEqualTo("627e25f1-133a-11ef-b08c-e33c09483244");
        assertThat(event.getCallStatus()).isEqualTo("ACTION_COMPLETED");
        assertThat(event.getClientActionId()).isEqualTo("ivr1_level1");
        assertThat(event.getSipCode()).isEqualTo(200);
        assertThat(event.getCallDurationSeconds()).isZero();
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2024-05-16T04:12:11.217Z"));
        assertThat(event.getReceivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void v2ShapeWithEventDataStringAndDurationAsString() {
        CallActionReceived event = vca("vca-event-data-string.json");

        assertThat(event.getDigits()).isEqualTo("0");
        assertThat(event.getCallDurationSeconds()).isEqualTo(17);
        assertThat(event.getSipCode()).isNull();
    }

    @Test
    void olderShapeWithTopLevelDtmfAndNoEventIdGetsADerivedId() {
        CallActionReceived event = vca("vca-top-level-dtmf.json");

        assertThat(event.getDigits()).isEqualTo("1#");
        assertThat(event.getCallStatus()).isEqualTo("DTMF_RECEIVED");
        assertThat(event.getCallDurationSeconds()).isEqualTo(9);
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2023-12-01T10:30:00Z"));
        assertThat(event.getEventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void nothingPressedIsNullDigits() {
        assertThat(vca("vca-no-input.json").getDigits()).isNull();
    }

    @Test
    void derivedEventIdIsTheSameForARedeliveryHoweverItsKeysAreOrdered() {
        String original = Fixtures.text("vca-top-level-dtmf.json");
        String reordered = "{\"payload\": {\"timestamp\": \"2023-12-01T18:30:00.000+08:00\", \"callDuration\": \"9\", "
                + "\"dtmf\": \"1#\", \"callStatus\": \"DTMF_RECEIVED\", \"subAccountId\": \"luigis_voice\", "
                + "\"sessionId\": \"4f5e6d7c-9e0f-11ed-8a1b-0242ac120002\", "
                + "\"callId\": \"5a6b7c8d-9e0f-11ed-8a1b-0242ac120002\"}, \"eventType\": \"CALL_ACTION\"}";
        String otherDigit = original.replace("\"1#\"", "\"0#\"");

        String id = EightByEightWebhook.parse(original.getBytes(StandardCharsets.UTF_8))
                .eventId("CALL_ACTION");

        assertThat(EightByEightWebhook.parse(reordered.getBytes(StandardCharsets.UTF_8))
                        .eventId("CALL_ACTION"))
                .isEqualTo(id);
        assertThat(EightByEightWebhook.parse(otherDigit.getBytes(StandardCharsets.UTF_8))
                        .eventId("CALL_ACTION"))
                .isNotEqualTo(id);
    }

    @Test
    void documentedSuccessfulSummary() {
        SessionSummaryReceived event = vss("vss-completed.json");

        assertThat(event.getSessionStatus()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(event.getRawSessionStatus()).isEqualTo("COMPLETED");
        assertThat(event.getSessionId()).isEqualTo("1f048a84-ea6d-11ee-911b-078f7290bf52");
        assertThat(event.getStartTime()).isEqualTo(Instant.parse("2024-03-25T06:01:30Z"));
        assertThat(event.getEndTime()).isEqualTo(Instant.parse("2024-03-25T06:01:50Z"));
        assertThat(event.getOccurredAt()).isEqualTo(event.getEndTime());
        assertThat(event.getLastAction()).isEqualTo("SAY_AND_CAPTURE");
        assertThat(event.getClientRequestId()).isEqualTo("att-4821-1");
        assertThat(event.getCallCount()).isEqualTo(1);
        assertThat(event.getErrorCode()).isNull();
        assertThat(event.getLegs()).singleElement().satisfies(leg -> {
            assertThat(leg.getName()).isEqualTo("calla");
            assertThat(leg.getCallStatus()).isEqualTo("COMPLETED");
            assertThat(leg.getConnectedAt()).isEqualTo(Instant.parse("2024-03-25T06:01:37Z"));
            assertThat(leg.getDurationSeconds()).isEqualTo(13);
            assertThat(leg.getDestination()).isEqualTo("+6568332048");
            assertThat(leg.getDirection()).isEqualTo("OUTBOUND");
        });
    }

    @Test
    void documentedErrorSummaryCarriesTheErrorCode() {
        SessionSummaryReceived event = vss("vss-error.json");

        assertThat(event.getSessionStatus()).isEqualTo(SessionStatus.ERROR);
        assertThat(event.getErrorCode()).isEqualTo(-2004);
        assertThat(event.getErrorMessage()).isEqualTo("No coverage available for requested area");
        assertThat(event.getLegs().get(0).getConnectedAt()).as("never answered").isNull();
        assertThat(event.getEventId())
                .as("derived: 8x8 sends no eventId in a VSS")
                .isNotBlank();
    }

    @Test
    void doubleLCancelledCapitalLegNamesStringNumbersAndUnknownFields() {
        SessionSummaryReceived event = vss("vss-cancelled-capital-leg.json");

        assertThat(event.getSessionStatus()).isEqualTo(SessionStatus.CANCELED);
        assertThat(event.getRawSessionStatus()).isEqualTo("CANCELLED");
        assertThat(event.getCallCount()).isEqualTo(2);
        assertThat(event.getClientBatchId()).isEqualTo("batch-7");
        assertThat(event.getLegs()).extracting(CallLeg::getName).containsExactly("calla", "callb");
        assertThat(event.getLegs().get(0).getCallStatus()).isEqualTo("NO_ANSWER");
        assertThat(event.getLegs().get(0).getDurationSeconds()).isZero();
    }

    @Test
    void aStatusThisSchemaDoesNotKnowIsUnknownButKeptRaw() {
        assertThat(SessionSummaries.status("SOMETHING_NEW")).isEqualTo(SessionStatus.UNKNOWN);
        assertThat(SessionSummaries.status("no answer")).isEqualTo(SessionStatus.NO_ANSWER);
    }

    @Test
    void bodiesThatAreNotAnEightByEightWebhookAreRefusedWithTheReason() {
        assertRejected("{\"payload\": {\"subAccountId\": \"x\"}}", "payload.sessionId is required");
        assertRejected("{\"payload\": {\"sessionId\": \"s\"}}", "payload.subAccountId is required");
        assertRejected("{\"eventType\": \"CALL_ACTION\"}", "payload is required");
        assertRejected("[1, 2]", "must be a JSON object");
        assertRejected("{\"payload\": ", "Malformed JSON");
        assertRejected("", "empty");
        assertRejected("{\"a\":".repeat(40) + "1" + "}".repeat(40), "Malformed JSON");
    }

    @Test
    void numbersThatDoNotFitAnIntAreReadAsAbsentNotAFailure() {
        for (String huge : new String[] {
            "99999999999",
            "1e20",
            "1e999",
            "-1e999",
            "\"99999999999\"",
            "\"1e999\"",
            "\"NaN\"",
            "123456789012345678901234567890"
        }) {
            String body = """
                    {"eventType": "CALL_ACTION", "payload": {"sessionId": "s", "subAccountId": "luigis_voice",
                     "sipCode": %s, "callDuration": %s}}""".formatted(huge, huge);
            CallActionReceived event = CallActions.toEvent(
                    EightByEightWebhook.parse(body.getBytes(StandardCharsets.UTF_8)), "luigis", RECEIVED);
            assertThat(event.getSipCode()).as(huge).isNull();
            assertThat(event.getCallDurationSeconds()).as(huge).isNull();
        }
        String summary = """
                {"eventType": "SESSION_SUMMARY", "payload": {"sessionId": "s", "subAccountId": "luigis_voice",
                 "callCount": 1e999, "errorDetails": {"errorCode": 99999999999},
                 "details": {"callA": {"callDuration": 1e20}}}}""";
        SessionSummaryReceived event = SessionSummaries.toEvent(
                EightByEightWebhook.parse(summary.getBytes(StandardCharsets.UTF_8)), "luigis", RECEIVED);
        assertThat(event.getCallCount()).isZero();
        assertThat(event.getErrorCode()).isNull();
        assertThat(event.getLegs().get(0).getDurationSeconds()).isNull();
    }

    @Test
    void timestampsNoEventCanCarryAreReadAsAbsent() {
        for (String timestamp : new String[] {
            "-1000000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59Z",
            "+999999999-12-31T23:59:59+01:00",
            "-0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z"
        }) {
            String body = """
                    {"eventType": "CALL_ACTION", "payload": {"sessionId": "s", "subAccountId": "luigis_voice",
                     "timestamp": "%s"}}""".formatted(timestamp);
            CallActionReceived event = CallActions.toEvent(
                    EightByEightWebhook.parse(body.getBytes(StandardCharsets.UTF_8)), "luigis", RECEIVED);
            assertThat(event.getOccurredAt()).as(timestamp).isEqualTo(RECEIVED);
        }
        String summary = """
                {"eventType": "SESSION_SUMMARY", "payload": {"sessionId": "s", "subAccountId": "luigis_voice",
                 "startTime": "-1000000000-01-01T00:00:00Z", "endTime": "+1000000000-12-31T23:59:59Z",
                 "details": {"callA": {"connectedTimestamp": "-1000000000-01-01T00:00:00Z"}}}}""";
        SessionSummaryReceived event = SessionSummaries.toEvent(
                EightByEightWebhook.parse(summary.getBytes(StandardCharsets.UTF_8)), "luigis", RECEIVED);
        assertThat(event.getStartTime()).isNull();
        assertThat(event.getOccurredAt()).isEqualTo(RECEIVED);
        assertThat(event.getLegs().get(0).getConnectedAt()).isNull();
        // What the defect was: the event could not be written (epoch millis overflow), a 500 for 8x8.
        io.confirmline.kafka.AvroBinary.encode(event);
    }

    @Test
    void numbersInRangeAreRoundedAsBefore() {
        String body = """
                {"payload": {"sessionId": "s", "subAccountId": "x", "sipCode": 486.4, "callDuration": "2147483647"}}""";
        CallActionReceived event = CallActions.toEvent(
                EightByEightWebhook.parse(body.getBytes(StandardCharsets.UTF_8)), "luigis", RECEIVED);
        assertThat(event.getSipCode()).isEqualTo(486);
        assertThat(event.getCallDurationSeconds()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> EightByEightWebhook.parse(body))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.getMessage())
                                .contains("Malformed JSON")
                                .containsIgnoringCase("UTF-8"));
    }

    private static void assertRejected(String body, String reason) {
        assertThatThrownBy(() -> EightByEightWebhook.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
