-- What a guest asked for (issue #17): CHANGE_REQUESTED and BOOKING_REQUESTED carry the wanted date, time and party
-- size read from the guest's words; the thread shows them as "Asked to change to 20:30, 4 people". NULL for other
-- facts and for a part the guest did not name. Date (yyyy-MM-dd) and time (HH:mm) are kept as the event wrote them:
-- the page words them, and a value it cannot read is shown as it is rather than losing the fact.
ALTER TABLE guest_fact
    ADD COLUMN wanted_date  text,
    ADD COLUMN wanted_time  text,
    ADD COLUMN party_size   integer,
    ADD COLUMN words        text,
    ADD COLUMN read_by      text;
