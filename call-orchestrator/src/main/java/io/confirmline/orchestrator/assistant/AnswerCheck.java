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

import io.confirmline.orchestrator.assistant.AssistantVerdict.Failure;
import io.confirmline.orchestrator.assistant.AssistantVerdict.Intent;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a model's answer is worth (issue #17 items 2 and 4): a verdict the conversation can act on, or a failure.
 * Malformed: an intent outside the list, an empty or over-long reply, a wanted date that is not a date or is in the
 * past, a time that is not one, a party of fewer than 1 or more than 50. Unsafe: a reply with a phone number other
 * than the venue's, an e-mail address or a link — whatever the model was talked into, none of it reaches a guest.
 */
final class AnswerCheck {

    static final int MAX_REPLY = 320;
    static final int MAX_PARTY = 50;

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern LINK = Pattern.compile(
            "(?i:\\b(https?://|www\\.)\\S+)|\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|io|es|mx|uk|de|fr|it|info|biz"
                    + "|co|me|ly|app|link|xyz)\\b(/\\S*)?");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);

    private AnswerCheck() {}

    static AssistantVerdict verdict(ModelAnswer answer, AssistantRequest request) {
        Optional<Intent> intent = intent(answer.intent());
        if (intent.isEmpty()) {
            return malformed("an intent outside the list");
        }
        String reply = answer.reply() == null ? "" : answer.reply().strip();
        if (reply.isEmpty()) {
            return malformed("an empty reply");
        }
        if (reply.codePointCount(0, reply.length()) > MAX_REPLY) {
            return malformed("a reply longer than " + MAX_REPLY + " characters");
        }
        if (PhoneNumbers.containsOtherThan(reply, request.venue().phone().orElse(""))) {
            return unsafe("a phone number other than the venue's in the reply");
        }
        if (EMAIL.matcher(reply).find()) {
            return unsafe("an e-mail address in the reply");
        }
        if (LINK.matcher(reply).find()) {
            return unsafe("a link in the reply");
        }
        if (intent.get() != Intent.CHANGE_REQUEST && intent.get() != Intent.BOOKING_REQUEST) {
            return new AssistantVerdict.Answered(intent.get(), reply, AssistantVerdict.Wanted.NOTHING);
        }
        Optional<LocalDate> date;
        Optional<LocalTime> time;
        try {
            date = blank(answer.date())
                    ? Optional.empty()
                    : Optional.of(LocalDate.parse(answer.date().strip()));
        } catch (DateTimeParseException e) {
            return malformed("a wanted date that is not yyyy-MM-dd");
        }
        if (date.isPresent() && date.get().isBefore(request.today())) {
            return malformed("a wanted date in the past");
        }
        try {
            time = blank(answer.time())
                    ? Optional.empty()
                    : Optional.of(LocalTime.parse(answer.time().strip(), TIME));
        } catch (DateTimeParseException e) {
            return malformed("a wanted time that is not HH:mm");
        }
        Integer party = answer.partySize();
        if (party != null && (party < 1 || party > MAX_PARTY)) {
            return malformed("a party size outside 1 to " + MAX_PARTY);
        }
        return new AssistantVerdict.Answered(
                intent.get(), reply, new AssistantVerdict.Wanted(date, time, Optional.ofNullable(party)));
    }

    private static Optional<Intent> intent(String written) {
        if (blank(written)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Intent.valueOf(written.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static AssistantVerdict malformed(String why) {
        return new AssistantVerdict.Failed(Failure.MALFORMED, "The model's answer had " + why);
    }

    private static AssistantVerdict unsafe(String why) {
        return new AssistantVerdict.Failed(Failure.UNSAFE, "The model's answer had " + why);
    }
}
