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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The status API for the platform ({@code Authorization: Bearer <platform API key>}; a tenant sees only its own
 * calls): a call with its attempt history, by call id or by the booking or message it is for.
 */
@RestController
public class CallApi {

    private final PlatformAuthentication authentication;
    private final CallRecords calls;

    public CallApi(PlatformAuthentication authentication, CallRecords calls) {
        this.authentication = authentication;
        this.calls = calls;
    }

    /** A call as the API shows it. */
    public record CallDetails(
            String callId,
            String type,
            String subjectId,
            String status,
            int attempt,
            Instant scheduledFor,
            Instant validUntil,
            String reason,
            String digits,
            List<AttemptView> attempts) {}

    @GetMapping(path = "/api/calls/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<CallDetails> call(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String id) {
        Tenant tenant = authentication.tenant(authorization);
        UUID callId;
        try {
            callId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound("No call " + id);
        }
        return calls.byId(tenant.id(), callId)
                .flatMap(this::details)
                .switchIfEmpty(Mono.error(notFound("No call " + id)));
    }

    @GetMapping(
            path = {"/api/reservations/{subjectId}/calls", "/api/messages/{subjectId}/calls"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<CallDetails>> callsFor(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String subjectId) {
        Tenant tenant = authentication.tenant(authorization);
        return calls.bySubject(tenant.id(), subjectId)
                .flatMap(this::details)
                .map(List::of)
                .switchIfEmpty(Mono.error(notFound("No calls for " + subjectId)));
    }

    private Mono<CallDetails> details(CallView call) {
        return calls.details(call);
    }

    private static RuntimeException notFound(String detail) {
        return ApiRefusals.notFound(detail);
    }
}
