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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One line of a thread as the page lists it, in time order: a text, or a system line saying what the guest asked
 * the booking platform for ({@code askLine}, already worded in the reader's language).
 */
public record ThreadEntry(ThreadMessage message, String askLine, Instant at) {

    /** Texts and asks merged by time; at the same instant the text first (the ask was read from it). */
    static List<ThreadEntry> merge(
            List<ThreadMessage> messages, List<GuestAsk> asks, GuestAskWording wording, Locale locale) {
        List<ThreadEntry> entries = new ArrayList<>(messages.size() + asks.size());
        messages.forEach(message -> entries.add(new ThreadEntry(message, null, message.at())));
        asks.forEach(ask -> entries.add(new ThreadEntry(null, wording.line(ask, locale), ask.at())));
        entries.sort(Comparator.comparing(ThreadEntry::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(entry -> entry.message() == null));
        return List.copyOf(entries);
    }
}
