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
package io.confirmline.ingress.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The eventIds of the events this instance kept lately — texts, receipts, inbound-call events — so that 8x8's
 * redelivery of a webhook (SMS: after 1, 10, 30 and 90 s whenever an answer is slow or lost; a {@code CALL_RECEIVED}
 * in its second shape) is answered without being journaled and published again. Bounded and per instance, so it
 * is an economy, not the guarantee: a redelivery that reaches another instance, comes after a restart or after
 * {@value #CAPACITY} newer events is published again, and the orchestrator, which deduplicates on eventId, drops
 * it.
 */
@Component
public class RecentEvents {

    /** Far more than 8x8 delivers within its two minutes of retries; a few hundred KiB at most. */
    static final int CAPACITY = 10_000;

    private final Map<String, Boolean> ids = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** True when {@code eventId} was not held and now is: the caller keeps the event (or {@link #release}s it). */
    public synchronized boolean claim(String eventId) {
        return ids.putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    /** The event could not be kept after all; its redelivery must be taken. */
    public synchronized void release(String eventId) {
        ids.remove(eventId);
    }
}
