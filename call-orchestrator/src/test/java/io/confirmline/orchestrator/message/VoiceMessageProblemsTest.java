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
package io.confirmline.orchestrator.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.VoiceMessagePurpose;
import io.confirmline.events.VoiceMessageRequested;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VoiceMessageProblemsTest {

    final Instant now = Instant.parse("2026-11-21T18:00:00Z");

    VoiceMessageRequested.Builder valid() {
        return VoiceMessageRequested.newBuilder()
                .setEventId("e-1")
                .setOccurredAt(now)
                .setTenantId("luigis")
                .setMessageId("m-1")
                .setPhone("+34600111222")
                .setLocale("es-ES")
                .setText("Your code is 4821")
                .setRepetitions(2)
                .setPurpose(VoiceMessagePurpose.OTP);
    }

    @Test
    void aPurposeAddedAfterThisBuildIsRefusedNotGuessed() {
        assertThat(VoiceMessageIntake.problems(valid().build(), Set.of("luigis"), now))
                .isEmpty();
        assertThat(VoiceMessageIntake.problems(
                        valid().setPurpose(VoiceMessagePurpose.UNKNOWN).build(), Set.of("luigis"), now))
                .containsExactly("purpose: a value this version of ConfirmLine does not know (read as UNKNOWN)");
    }
}
