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
package io.confirmline.orchestrator.call;

import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.orchestrator.api.PlatformAuthentication;
import io.confirmline.tenant.Tenant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The owner's actions on a booking's call (design.md §10.5), called by the console with the tenant's key:
 * {@code POST /api/calls/{id}/redial} calls the guest again as soon as calling hours allow, {@code POST
 * /api/calls/{id}/cancel} cancels the call still to come (SKIPPED, CANCELLED_BY_OWNER). Each answers 202 with the
 * call as {@code GET /api/calls/{id}} shows it; 404 for a call the tenant does not have (another tenant's included),
 * 409 with the reason when the call's state does not allow it. An {@code Idempotency-Key} header (at most 200
 * characters) makes a retry answer as the first request did.
 */
@RestController
public class OwnerCallApi {

    static final int MAX_KEY = 200;

    private final PlatformAuthentication authentication;
    private final OwnerCallActions actions;
    private final CallRecords calls;

    public OwnerCallApi(PlatformAuthentication authentication, OwnerCallActions actions, CallRecords calls) {
        this.authentication = authentication;
        this.actions = actions;
        this.calls = calls;
    }

    @PostMapping(path = "/api/calls/{id}/redial", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CallApi.CallDetails>> redial(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @PathVariable String id) {
        return act(authorization, key, id, OwnerCallActions.Action.REDIAL);
    }

    @PostMapping(path = "/api/calls/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<CallApi.CallDetails>> cancel(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @PathVariable String id) {
        return act(authorization, key, id, OwnerCallActions.Action.CANCEL);
    }

    private Mono<ResponseEntity<CallApi.CallDetails>> act(
            String authorization, String key, String id, OwnerCallActions.Action action) {
        Tenant tenant = authentication.tenant(authorization);
        if (key != null
                && (key.isBlank() || key.length() > MAX_KEY || key.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw ApiRefusals.invalid(
                    java.util.List.of("Idempotency-Key: must be 1 to " + MAX_KEY + " printable ASCII characters"));
        }
        UUID callId;
        try {
            callId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiRefusals.notFound("No call " + printable(id));
        }
        return actions.apply(tenant, callId, action, key)
                .flatMap(done -> calls.byId(tenant.id(), done))
                .flatMap(calls::details)
                .map(details -> ResponseEntity.status(HttpStatus.ACCEPTED).body(details));
    }

    /** An id as it may be repeated in an answer: printable, and short. */
    private static String printable(String id) {
        String shown = id.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "…" : shown;
    }
}
