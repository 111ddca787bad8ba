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
package io.confirmline.orchestrator.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.orchestrator.assistant.AssistantVerdict.Failure;
import io.confirmline.orchestrator.assistant.AssistantVerdict.Intent;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a model's answer is worth: the checks between the model and a guest. */
class AnswerCheckTest {

    private final AssistantRequest request = ChatAssistantTest.request("en-GB", "can we come later?");
    private final String tomorrow = ChatAssistantTest.TODAY.plusDays(1).toString();

    @Test
    void aWellFormedChangeRequestIsAnswered() {
        AssistantVerdict verdict =
                check(new ModelAnswer("change_request", " We'll ask the venue. ", tomorrow, "20:30", 6));

        assertThat(verdict).isInstanceOfSatisfying(AssistantVerdict.Answered.class, answered -> {
            assertThat(answered.intent()).isEqualTo(Intent.CHANGE_REQUEST);
            assertThat(answered.reply()).isEqualTo("We'll ask the venue.");
            assertThat(answered.wanted().date()).contains(ChatAssistantTest.TODAY.plusDays(1));
            assertThat(answered.wanted().time()).contains(LocalTime.of(20, 30));
            assertThat(answered.wanted().partySize()).contains(6);
        });
    }

    @Test
    void whatWasNotSaidStaysEmptyAndOtherIntentsWantNothing() {
        AssistantVerdict change = check(new ModelAnswer("CHANGE_REQUEST", "We'll ask.", null, "21:00", null));
        AssistantVerdict confirm = check(new ModelAnswer("CONFIRM", "See you!", "1999-01-01", "nonsense", 0));

        assertThat(((AssistantVerdict.Answered) change).wanted().date()).isEmpty();
        assertThat(((AssistantVerdict.Answered) change).wanted().partySize()).isEmpty();
        assertThat(((AssistantVerdict.Answered) confirm).wanted()).isEqualTo(AssistantVerdict.Wanted.NOTHING);
    }

    @Test
    void malformedAnswersAreRefused() {
        String yesterday = ChatAssistantTest.TODAY.minusDays(1).toString();
        assertThat(failure(new ModelAnswer("MAYBE", "Hm.", null, null, null))).isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer(null, "Hm.", null, null, null))).isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer("CONFIRM", "  ", null, null, null))).isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer("CONFIRM", "x".repeat(321), null, null, null)))
                .isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer("CHANGE_REQUEST", "Ok.", yesterday, "20:00", 2)))
                .isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer("CHANGE_REQUEST", "Ok.", "next friday", "20:00", 2)))
                .isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer("BOOKING_REQUEST", "Ok.", tomorrow, "8:30pm", 2)))
                .isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer("BOOKING_REQUEST", "Ok.", tomorrow, "20:30", 0)))
                .isEqualTo(Failure.MALFORMED);
        assertThat(failure(new ModelAnswer("BOOKING_REQUEST", "Ok.", tomorrow, "20:30", 51)))
                .isEqualTo(Failure.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Call Maria on +44 7700 900123.",
                "Her number is 612 34 56 78.",
                "Write to bookings@casapepe.es",
                "Book at https://casapepe.example/book",
                "See www.casapepe.com",
                "Details on casapepe.com/parking"
            })
    void repliesWithOtherNumbersAddressesOrLinksAreUnsafe(String reply) {
        assertThat(failure(new ModelAnswer("QUESTION", reply, null, null, null)))
                .isEqualTo(Failure.UNSAFE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Call us on +34 910 000 001.",
                "Ring 910000001 if you are late.",
                "Your table is on 2026-12-24 at 20:30.",
                "See you on 24/12/2026, table for 4!",
                "Free parking after 7pm. Dogs welcome."
            })
    void theVenuesOwnNumberDatesAndTimesAreFine(String reply) {
        assertThat(check(new ModelAnswer("QUESTION", reply, null, null, null)))
                .isInstanceOf(AssistantVerdict.Answered.class);
    }

    @Test
    void phoneNumbersInTheGuestsTextsAreBlankedAllButTheVenues() {
        assertThat(PhoneNumbers.blankAllBut(
                        "call me on +44 7700 900456, or the venue on 910 000 001, on 2026-12-24", "+34910000001"))
                .isEqualTo("call me on [phone number], or the venue on 910 000 001, on 2026-12-24");
    }

    private AssistantVerdict check(ModelAnswer answer) {
        return AnswerCheck.verdict(answer, request);
    }

    private Failure failure(ModelAnswer answer) {
        AssistantVerdict verdict = check(answer);
        assertThat(verdict).isInstanceOf(AssistantVerdict.Failed.class);
        return ((AssistantVerdict.Failed) verdict).failure();
    }
}
