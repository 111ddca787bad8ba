-- Two costs of the queue that grew with the backlog rather than with the work (issue #18, docs/benchmarks.md
-- "platform-notifier"):
--
-- 1. The claim. PostgreSQL caches a generic plan for each statement of a function after its fifth call, planned
--    for any limit and from the statistics of that moment; the claim's cached plan read, filtered and sorted
--    every ready head it could find to return ~15 (490 to 810 endpoint probes and up to 7,800 index entries per
--    claim in a 20,000-event backlog, 1.8-5.3 ms a claim). Now its index holds the claim's whole order, so the first
--    heads it reads are the ones it wants, and the claim is planned at each call with its actual limit (a fraction
--    of a millisecond), so it stops after them whatever statistics the server has. And a claimed delivery's next
--    attempt is now its lease's end (when it is tried again if its outcome never comes): that moves the deliveries
--    in flight behind every due head in the index, where a claim no longer walks over them (with 128 in flight a
--    claim took ~10 ms).
DROP INDEX delivery_ready_due;
CREATE INDEX delivery_ready_due ON delivery (next_attempt_at, sequence) WHERE status = 'PENDING' AND ready;

CREATE OR REPLACE FUNCTION record_and_claim(p_ids uuid[], p_kinds text[], p_attempts integer[], p_started bigint[],
        p_durations integer[], p_codes integer[], p_errors text[], p_next_attempt bigint[], p_limit integer,
        p_lease_seconds double precision) RETURNS SETOF delivery
    LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(array_length(p_ids, 1), 0) > 0 THEN
        PERFORM record_outcomes(p_ids, p_kinds, p_attempts, p_started, p_durations, p_codes, p_errors,
                                p_next_attempt);
    END IF;
    IF p_limit > 0 THEN
        -- EXECUTE: planned at each call, with this call's limit (see above).
        RETURN QUERY EXECUTE $claim$
            UPDATE delivery SET lease_until = now() + make_interval(secs => $2),
                                next_attempt_at = now() + make_interval(secs => $2)
            WHERE id IN (
                SELECT d.id FROM delivery d
                WHERE d.status = 'PENDING' AND d.ready AND d.next_attempt_at <= now()
                  AND (d.lease_until IS NULL OR d.lease_until < now())
                  AND NOT EXISTS (SELECT 1 FROM disabled_endpoint e WHERE e.tenant_id = d.tenant_id)
                ORDER BY d.next_attempt_at, d.sequence
                LIMIT $1
                FOR UPDATE SKIP LOCKED)
            RETURNING delivery.*$claim$
            USING p_limit, p_lease_seconds;
    END IF;
END
$$;

-- 2. create_deliveries ran two statements per delivery (a loop over the batch); it now runs one for the batch, with
--    the same outcome as the loop had:
--    - a delivery is created only for an eventId seen for the first time (processed_event), and only once if the
--      batch holds it twice (its first occurrence);
--    - in array order: a subject's deliveries get increasing sequence numbers in the order of the batch;
--    - a delivery is its subject's ready head when nothing of that subject is pending, counting the batch's own
--      earlier deliveries (which one statement does not see in the table, hence the rank within the batch).
CREATE OR REPLACE FUNCTION create_deliveries(p_event_ids text[], p_topics text[], p_ids uuid[], p_tenants text[],
        p_subjects text[], p_types text[], p_payloads text[], p_occurred bigint[], p_first_attempt bigint[],
        p_trace_parents text[], p_carries_phone boolean[], p_about_reservations text[]) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    created bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(k.key) FROM (
        SELECT DISTINCT hashtextextended(u.tenant_id || '/' || u.subject_id, 0) AS key
        FROM unnest(p_tenants, p_subjects) AS u(tenant_id, subject_id) ORDER BY 1) k;
    WITH batch AS (
        SELECT * FROM unnest(p_event_ids, p_topics, p_ids, p_tenants, p_subjects, p_types, p_payloads, p_occurred,
                             p_first_attempt, p_trace_parents, p_carries_phone, p_about_reservations)
            WITH ORDINALITY AS b(event_id, topic, id, tenant_id, subject_id, type, payload, occurred, first_attempt,
                                 trace_parent, carries_phone, about_reservation_id, position)
    ), seen AS (
        INSERT INTO processed_event (event_id, topic)
        SELECT event_id, topic FROM batch ORDER BY position
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
    ), fresh AS (
        SELECT DISTINCT ON (b.event_id) b.*
        FROM batch b JOIN seen s ON s.event_id = b.event_id
        WHERE NOT EXISTS (SELECT 1 FROM delivery x WHERE x.event_id = b.event_id)
        ORDER BY b.event_id, b.position
    ), ranked AS (
        SELECT f.*, row_number() OVER (PARTITION BY f.tenant_id, f.subject_id ORDER BY f.position) AS nth
        FROM fresh f
    ), inserted AS (
        -- The sequence's default is drawn as the rows arrive, in batch order.
        INSERT INTO delivery (id, tenant_id, subject_id, event_id, type, payload, occurred_at, status,
                              next_attempt_at, trace_parent, carries_phone, about_reservation_id, ready)
        SELECT r.id, r.tenant_id, r.subject_id, r.event_id, r.type, r.payload,
               timestamptz 'epoch' + r.occurred * interval '1 microsecond', 'PENDING',
               timestamptz 'epoch' + r.first_attempt * interval '1 microsecond', r.trace_parent,
               r.carries_phone, r.about_reservation_id,
               r.nth = 1 AND NOT EXISTS (SELECT 1 FROM delivery p WHERE p.tenant_id = r.tenant_id
                                         AND p.subject_id = r.subject_id AND p.status = 'PENDING')
        FROM ranked r
        ORDER BY r.position
        ON CONFLICT (event_id) DO NOTHING
        RETURNING 1
    )
    SELECT count(*) INTO created FROM inserted;
    RETURN created;
END
$$;
