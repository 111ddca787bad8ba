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
package io.confirmline.notifier.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What is left of a pending guest fact once its guest is erased. */
class ErasedDeliveriesTest {

    @Test
    void anErasedGuestsRequestKeepsTheWantedTimeButNeitherTheirNumberNorTheirWords() {
        String pending = "{\"type\":\"reservation.change_requested\",\"timestamp\":\"2026-12-01T18:00:00Z\",\"data\":{"
                + "\"eventId\":\"e-1\",\"tenantId\":\"luigis\",\"phone\":\"+34600111222\",\"source\":\"ASSISTANT\","
                + "\"reason\":null,\"reservationId\":\"r-7\",\"request\":{\"wantedDate\":\"2026-12-01\","
                + "\"wantedTime\":\"20:30\",\"partySize\":4,\"words\":\"Ana here, can we make it 8:30?\","
                + "\"readBy\":\"ASSISTANT\"}}}";

        assertThat(ErasedDeliveries.withoutPhone(pending))
                .isEqualTo(pending.replace("\"+34600111222\"", "null")
                        .replace("\"Ana here, can we make it 8:30?\"", "null"));
    }

    @Test
    void anOptOutLosesOnlyTheNumber() {
        String pending = "{\"type\":\"guest.opted_out\",\"timestamp\":\"2026-12-01T18:00:00Z\",\"data\":{"
                + "\"eventId\":\"e-2\",\"tenantId\":\"luigis\",\"phone\":\"+34600111222\",\"source\":\"GUEST_TEXT\","
                + "\"reason\":\"STOP\",\"reservationId\":null}}";

        assertThat(ErasedDeliveries.withoutPhone(pending)).isEqualTo(pending.replace("\"+34600111222\"", "null"));
    }
}
