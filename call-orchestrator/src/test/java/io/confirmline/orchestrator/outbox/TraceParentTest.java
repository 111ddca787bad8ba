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
package io.confirmline.orchestrator.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

class TraceParentTest {

    static final String BOOKING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String BOOKING_LATER_SPAN = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";
    static final String OTHER = "00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01";

    static String in(Context context) {
        return context.getOrDefault(TraceParent.KEY, null);
    }

    @Test
    void aSpanOfTheBookingsTraceIsKeptSoTheChainOfSpansStays() {
        assertThat(in(TraceParent.inTraceOf(TraceParent.of(BOOKING_LATER_SPAN), BOOKING)))
                .isEqualTo(BOOKING_LATER_SPAN);
    }

    @Test
    void anotherTraceOrNoneGivesWayToTheBookings() {
        assertThat(in(TraceParent.inTraceOf(TraceParent.of(OTHER), BOOKING))).isEqualTo(BOOKING);
        assertThat(in(TraceParent.inTraceOf(Context.empty(), BOOKING))).isEqualTo(BOOKING);
    }

    @Test
    void aCallWithoutATraceLeavesTheContextAsItIs() {
        assertThat(in(TraceParent.inTraceOf(TraceParent.of(OTHER), ""))).isEqualTo(OTHER);
        assertThat(in(TraceParent.inTraceOf(Context.empty(), null))).isNull();
    }
}
