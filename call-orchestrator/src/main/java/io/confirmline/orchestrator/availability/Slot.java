package io.confirmline.orchestrator.availability;

import java.time.OffsetDateTime;

/**
 * A time the platform can seat the guest, as its availability endpoint answered it.
 *
 * @param startsAt when the table is free, with the venue's offset as the platform wrote it
 * @param partySize how many guests the table is for
 */
public record Slot(OffsetDateTime startsAt, int partySize) {
}
