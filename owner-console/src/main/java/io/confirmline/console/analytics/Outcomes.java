package io.confirmline.console.analytics;

/**
 * How a set of bookings ended: how many there were, how many reached a final outcome (see {@link Figures}), and
 * how many of each. The totals, each day and each hour of day are one of these.
 *
 * @param label what the set is: empty for the totals, {@code YYYY-MM-DD} for a day, {@code HH} for an hour of day
 */
public record Outcomes(String label, long bookings, long outcomes, long confirmed, long cancelled, long noResponse,
        long unreachable, long failed) {

    public Double confirmationRate() {
        return Figures.ratio(confirmed, outcomes);
    }

    public Double noResponseRate() {
        return Figures.ratio(noResponse, outcomes);
    }

    public Double unreachableRate() {
        return Figures.ratio(unreachable, outcomes);
    }

    static Outcomes empty(String label) {
        return new Outcomes(label, 0, 0, 0, 0, 0, 0, 0);
    }
}
