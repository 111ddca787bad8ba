-- The queue's writes in one round trip per batch instead of several per delivery (issue #18): the intake creates
-- a poll's deliveries with one call, the worker records a batch of attempts' outcomes with one call. Timestamps
-- travel as microseconds since the epoch (exact, and arrays of them bind everywhere).
--
-- Both take the per-subject advisory locks of every subject they touch first, in one global order (by lock key),
-- so an intake batch, an outcome batch and an erasure holding several subjects each never wait on one another in
-- a circle.

-- Creates the deliveries in array order, exactly as one insert per delivery did: the eventId is recorded in
-- processed_event and its delivery created together; a redelivered eventId creates nothing; a delivery is the
-- ready head of its subject when nothing of that subject is pending. Returns how many were created.
CREATE FUNCTION create_deliveries(p_event_ids text[], p_topics text[], p_ids uuid[], p_tenants text[],
        p_subjects text[], p_types text[], p_payloads text[], p_occurred bigint[], p_first_attempt bigint[],
        p_trace_parents text[], p_carries_phone boolean[], p_about_reservations text[]) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    created bigint := 0;
    inserted integer;
BEGIN
    PERFORM pg_advisory_xact_lock(k.key) FROM (
        SELECT DISTINCT hashtextextended(u.tenant_id || '/' || u.subject_id, 0) AS key
        FROM unnest(p_tenants, p_subjects) AS u(tenant_id, subject_id) ORDER BY 1) k;
    FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
        WITH seen AS (
            INSERT INTO processed_event (event_id, topic) VALUES (p_event_ids[i], p_topics[i])
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id)
        INSERT INTO delivery (id, tenant_id, subject_id, event_id, type, payload, occurred_at, status,
                              next_attempt_at, trace_parent, carries_phone, about_reservation_id, ready)
        SELECT p_ids[i], p_tenants[i], p_subjects[i], seen.event_id, p_types[i], p_payloads[i],
               timestamptz 'epoch' + p_occurred[i] * interval '1 microsecond', 'PENDING',
               timestamptz 'epoch' + p_first_attempt[i] * interval '1 microsecond', p_trace_parents[i],
               p_carries_phone[i], p_about_reservations[i],
               NOT EXISTS (SELECT 1 FROM delivery p WHERE p.tenant_id = p_tenants[i]
                           AND p.subject_id = p_subjects[i] AND p.status = 'PENDING')
        FROM seen
        ON CONFLICT (event_id) DO NOTHING;
        GET DIAGNOSTICS inserted = ROW_COUNT;
        created := created + inserted;
    END LOOP;
    RETURN created;
END
$$;

-- Records a batch of outcomes, one per claimed delivery (p_kinds: SUCCEEDED, DEAD, RETRY, POSTPONED): the attempt
-- row (none for POSTPONED, which was not attempted), the delivery's new state and, for each subject a delivery
-- left (SUCCEEDED, DEAD), the ready mark on its next pending delivery.
CREATE FUNCTION record_outcomes(p_ids uuid[], p_kinds text[], p_attempts integer[], p_started bigint[],
        p_durations integer[], p_codes integer[], p_errors text[], p_next_attempt bigint[]) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(k.key) FROM (
        SELECT DISTINCT hashtextextended(d.tenant_id || '/' || d.subject_id, 0) AS key
        FROM delivery d JOIN unnest(p_ids, p_kinds) AS o(id, kind) ON d.id = o.id
        WHERE o.kind IN ('SUCCEEDED', 'DEAD') ORDER BY 1) k;

    INSERT INTO delivery_attempt (delivery_id, attempt, started_at, duration_ms, status_code, error)
    SELECT o.id, o.attempt, timestamptz 'epoch' + o.started * interval '1 microsecond', o.duration, o.code, o.error
    FROM unnest(p_ids, p_kinds, p_attempts, p_started, p_durations, p_codes, p_errors)
             AS o(id, kind, attempt, started, duration, code, error)
    WHERE o.kind <> 'POSTPONED'
    ON CONFLICT (delivery_id, attempt) DO NOTHING;

    UPDATE delivery d SET
        status = CASE WHEN o.kind IN ('SUCCEEDED', 'DEAD') THEN o.kind ELSE d.status END,
        attempts = CASE WHEN o.kind = 'POSTPONED' THEN d.attempts ELSE o.attempt END,
        next_attempt_at = CASE WHEN o.kind IN ('RETRY', 'POSTPONED')
                               THEN timestamptz 'epoch' + o.next_attempt * interval '1 microsecond'
                               ELSE d.next_attempt_at END,
        last_status_code = CASE WHEN o.kind = 'POSTPONED' THEN d.last_status_code ELSE o.code END,
        last_error = CASE o.kind WHEN 'POSTPONED' THEN d.last_error WHEN 'SUCCEEDED' THEN NULL ELSE o.error END,
        delivered_at = CASE WHEN o.kind = 'SUCCEEDED' THEN now() ELSE d.delivered_at END,
        dead_at = CASE WHEN o.kind = 'DEAD' THEN now() ELSE d.dead_at END,
        lease_until = NULL
    FROM unnest(p_ids, p_kinds, p_attempts, p_codes, p_errors, p_next_attempt)
             AS o(id, kind, attempt, code, error, next_attempt)
    WHERE d.id = o.id;

    UPDATE delivery d SET ready = true
    FROM (SELECT DISTINCT ON (p.tenant_id, p.subject_id) p.id
          FROM delivery p
          JOIN (SELECT DISTINCT s.tenant_id, s.subject_id
                FROM delivery s JOIN unnest(p_ids, p_kinds) AS o(id, kind) ON s.id = o.id
                WHERE o.kind IN ('SUCCEEDED', 'DEAD')) left_queue
            ON p.tenant_id = left_queue.tenant_id AND p.subject_id = left_queue.subject_id
          WHERE p.status = 'PENDING'
          ORDER BY p.tenant_id, p.subject_id, p.sequence) head
    WHERE d.id = head.id AND NOT d.ready;
END
$$;

-- The worker's one round trip per round: records the outcomes that came in since the last round (if any), then
-- claims up to p_limit due deliveries for p_lease_seconds (if p_limit > 0) — among them the next delivery of
-- each subject whose head was just recorded, so a reservation's next change goes out a round trip sooner. Each
-- claimed delivery is the ready head of its subject, due, and to an endpoint that is not disabled; SKIP LOCKED
-- lets several instances claim side by side without waiting for each other or taking the same row.
CREATE FUNCTION record_and_claim(p_ids uuid[], p_kinds text[], p_attempts integer[], p_started bigint[],
        p_durations integer[], p_codes integer[], p_errors text[], p_next_attempt bigint[], p_limit integer,
        p_lease_seconds double precision) RETURNS SETOF delivery
    LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(array_length(p_ids, 1), 0) > 0 THEN
        PERFORM record_outcomes(p_ids, p_kinds, p_attempts, p_started, p_durations, p_codes, p_errors,
                                p_next_attempt);
    END IF;
    IF p_limit > 0 THEN
        RETURN QUERY
            UPDATE delivery SET lease_until = now() + make_interval(secs => p_lease_seconds)
            WHERE id IN (
                SELECT d.id FROM delivery d
                WHERE d.status = 'PENDING' AND d.ready AND d.next_attempt_at <= now()
                  AND (d.lease_until IS NULL OR d.lease_until < now())
                  AND NOT EXISTS (SELECT 1 FROM disabled_endpoint e WHERE e.tenant_id = d.tenant_id)
                ORDER BY d.next_attempt_at, d.sequence
                LIMIT p_limit
                FOR UPDATE SKIP LOCKED)
            RETURNING delivery.*;
    END IF;
END
$$;
