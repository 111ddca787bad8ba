package io.confirmline.console.settings;

import java.time.Duration;

/**
 * A duration as an owner writes it and the registry reads it ({@code 45m}, {@code 2h}, {@code 90s}), rather than
 * the {@code PT45M} the registry stores.
 */
final class DurationText {

    private DurationText() {
    }

    static String of(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
