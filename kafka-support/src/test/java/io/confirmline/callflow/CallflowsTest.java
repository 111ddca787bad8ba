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
package io.confirmline.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CallflowsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aConfirmationCallHasTheDocumentedShapeWithEveryCaptureParameterSet() {
        String body = Callflows.confirmationCall(
                "+6568888888",
                "+6591234567",
                "Press 1 to confirm or 0 to cancel.",
                "en-US-JennyNeural",
                new CaptureSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), 2, 1.0),
                Instant.parse("2026-09-20T10:15:00Z"),
                "att-4821-1");

        JsonNode json = JSON.readTree(body);
        assertThat(json.get("clientRequestId").asString()).isEqualTo("att-4821-1");
        assertThat(json.get("validUntil").asString()).isEqualTo("2026-09-20T10:15:00.000Z");
        assertThat(json.get("callflow").get(0).get("action").asString()).isEqualTo("makeCall");
        assertThat(json.get("callflow").get(0).get("params").size())
                .as("makeCall allows two params")
                .isEqualTo(2);
        JsonNode capture = json.get("callflow").get(1);
        assertThat(capture.get("action").asString()).isEqualTo("sayAndCapture");
        assertThat(JSON.writeValueAsString(capture.get("params")))
                .isEqualTo("{\"promptMessage\":\"Press 1 to confirm or 0 "
                        + "to cancel.\",\"voiceProfile\":\"en-US-JennyNeural\",\"speed\":1.0,\"minDigits\":1,\"maxDigits\":1,"
                        + "\"digitTimeout\":10000,\"overallTimeout\":20000,\"completeOnHash\":false,\"noOfTries\":2}");
    }

    @Test
    void aVoiceMessageSaidSevenTimesNeedsThreeSayActionsThenHangup() {
        JsonNode json = JSON.readTree(Callflows.voiceMessageCall(
                "+6568888888",
                "+6591234567",
                "Your code is 4 8 2 1",
                "en-GB-Emma",
                7,
                1.0,
                Instant.parse("2026-11-21T20:05:00Z"),
                "att-1"));

        JsonNode flow = json.get("callflow");
        assertThat(flow.size()).isEqualTo(5);
        assertThat(flow.get(1).get("params").get("repetition").asInt()).isEqualTo(3);
        assertThat(flow.get(2).get("params").get("repetition").asInt()).isEqualTo(3);
        assertThat(flow.get(3).get("params").get("repetition").asInt()).isEqualTo(1);
        assertThat(flow.get(4).get("action").asString()).isEqualTo("hangup");
        assertThat(flow.get(4).has("params")).isFalse();
    }

    @Test
    void limitsEightByEightEnforcesAreCheckedBeforeSending() {
        assertThatThrownBy(() -> Callflows.sayThenHangup("x".repeat(3001), "en-GB-Emma", 1))
                .hasMessageContaining("8x8 allows 3000");
        assertThatThrownBy(() -> Callflows.voiceMessageCall("+1", "+2", "hi", "v", 11, 1, Instant.now(), "a"))
                .hasMessageContaining("between 1 and 10");
        assertThatThrownBy(() -> Callflows.confirmationCall(
                        "+1", "+2", "p", "v", CaptureSettings.DEFAULT, Instant.now(), "a".repeat(51)))
                .hasMessageContaining("1 to 50");
        assertThatThrownBy(() -> new CaptureSettings(Duration.ofSeconds(20), Duration.ofSeconds(20), 1, 1))
                .hasMessageContaining("-1006");
    }

    @Test
    void inCallRepliesAreCallflowsWithoutMakeCall() {
        assertThat(Callflows.hangup()).isEqualTo("{\"callflow\":[{\"action\":\"hangup\"}]}");
        assertThat(Callflows.sayThenHangup("Thank you.", "en-GB-Emma", 1.0))
                .isEqualTo("{\"callflow\":[{\"action\":\"say\","
                        + "\"params\":{\"text\":\"Thank you.\",\"voiceProfile\":\"en-GB-Emma\",\"repetition\":1,\"speed\":1.0}},"
                        + "{\"action\":\"hangup\"}]}");
    }

    @Test
    void aBridgeSaysWhereTheCallerGoesThenMakesTheCallFromOurNumberToTheVenue() {
        JsonNode flow = JSON.readTree(Callflows.sayThenMakeCall(
                        "Putting you through to Luigi's. Please hold.",
                        "en-GB-Emma",
                        1.0,
                        "+6568888888",
                        "+6562223333"))
                .get("callflow");

        assertThat(flow.size()).isEqualTo(2);
        assertThat(flow.get(0).get("action").asString()).isEqualTo("say");
        assertThat(flow.get(0).get("params").get("text").asString())
                .isEqualTo("Putting you through to Luigi's. Please hold.");
        assertThat(flow.get(1).get("action").asString()).isEqualTo("makeCall");
        assertThat(JSON.writeValueAsString(flow.get(1).get("params")))
                .isEqualTo("{\"source\":\"+6568888888\",\"destination\":\"+6562223333\"}");
        assertThat(JSON.readTree(Callflows.makeCall("+6568888888", "+6562223333"))
                        .toString())
                .isEqualTo("{\"callflow\":[{\"action\":\"makeCall\",\"params\":{\"source\":\"+6568888888\","
                        + "\"destination\":\"+6562223333\"}}]}");
    }

    @Test
    void aBridgeNeedsTwoDistinctE164Numbers() {
        assertThatThrownBy(() -> Callflows.makeCall("+6568888888", "+6568888888"))
                .hasMessageContaining("bridged");
        assertThatThrownBy(() -> Callflows.makeCall("+6568888888", "62223333")).hasMessageContaining("destination");
        assertThatThrownBy(() -> Callflows.makeCall(null, "+6562223333")).hasMessageContaining("source");
        assertThatThrownBy(() -> Callflows.sayThenMakeCall("hold", "v", 1, "+6568888888", ""))
                .hasMessageContaining("E.164");
    }
}
