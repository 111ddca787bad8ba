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
package io.confirmline.sandbox.platform;

import io.confirmline.events.ReservationEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The last event the sandbox published for each booking, so it can answer a change request like a platform. */
@Component
class PublishedReservations {

    private final Map<String, ReservationEvent> latest = new ConcurrentHashMap<>();

    void remember(ReservationEvent event) {
        latest.put(event.getTenantId() + "/" + event.getReservationId(), event);
    }

    Optional<ReservationEvent> latest(String tenantId, String reservationId) {
        return Optional.ofNullable(latest.get(tenantId + "/" + reservationId));
    }
}
