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
package io.confirmline.console.conversation;

import io.confirmline.console.language.ConsoleTimes;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A guest's wish as the thread's system line says it, in the reader's language: "Asked to change to Sat 5 Dec,
 * 8:30 PM, 4 people — sent to your booking platform". Only the parts the guest named are said; a date or time the
 * page cannot read is shown as the event wrote it rather than hidden.
 */
@Component
public class GuestAskWording {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM");

    private final MessageSource messages;
    private final ConsoleTimes times;

    public GuestAskWording(MessageSource messages, ConsoleTimes times) {
        this.messages = messages;
        this.times = times;
    }

    public String line(GuestAsk ask, Locale locale) {
        List<String> parts = new ArrayList<>();
        if (ask.wantedDate() != null && !ask.wantedDate().isBlank()) {
            parts.add(day(ask.wantedDate(), locale));
        }
        if (ask.wantedTime() != null && !ask.wantedTime().isBlank()) {
            parts.add(time(ask.wantedTime(), locale));
        }
        if (ask.partySize() != null && ask.partySize() > 0) {
            parts.add(messages.getMessage("conversation.ask.people", new Object[] {ask.partySize()}, locale));
        }
        String kind = ask.pickedOfferedTime() ? "picked" : ask.isChange() ? "change" : "booking";
        String key = "conversation.ask." + kind + (parts.isEmpty() ? ".unspecified" : "");
        return messages.getMessage(key, new Object[] {String.join(", ", parts)}, locale);
    }

    private static String day(String date, Locale locale) {
        try {
            return LocalDate.parse(date).format(DAY.withLocale(locale));
        } catch (DateTimeParseException e) {
            return date;
        }
    }

    private String time(String time, Locale locale) {
        try {
            return times.time(LocalTime.parse(time), locale);
        } catch (DateTimeParseException e) {
            return time;
        }
    }
}
