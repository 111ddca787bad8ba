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
    static List<ThreadEntry> merge(List<ThreadMessage> messages, List<GuestAsk> asks, GuestAskWording wording,
            Locale locale) {
        List<ThreadEntry> entries = new ArrayList<>(messages.size() + asks.size());
        messages.forEach(message -> entries.add(new ThreadEntry(message, null, message.at())));
        asks.forEach(ask -> entries.add(new ThreadEntry(null, wording.line(ask, locale), ask.at())));
        entries.sort(Comparator.comparing(ThreadEntry::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(entry -> entry.message() == null));
        return List.copyOf(entries);
    }
}
