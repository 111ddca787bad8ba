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
package io.confirmline.orchestrator.optout;

import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.orchestrator.api.PlatformAuthentication;
import io.confirmline.orchestrator.reservation.ReservationValidator;
import io.confirmline.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The platform reads and imports its tenant's opt-outs (design.md §10.5), with its API key: {@code GET /api/opt-outs}
 * (pages in number order: {@code ?after=<last phone>&limit=}), {@code PUT /api/opt-outs/{phone}} (201 when new,
 * 200 when the number was already opted out), {@code DELETE /api/opt-outs/{phone}} (204; 404 when it was not). An
 * import is announced on {@code conversations.v1} with source PLATFORM, which the notifier does not echo back.
 */
@RestController
public class OptOutApi {

    private static final int MAX_PAGE = 1000;

    /** One page of opt-outs; {@code next} is the {@code after} of the next page, null on the last. */
    public record Page(List<OptOuts.OptOut> optOuts, String next) {}

    private final PlatformAuthentication authentication;
    private final OptOuts optOuts;
    private final TransactionalOperator transaction;

    public OptOutApi(PlatformAuthentication authentication, OptOuts optOuts, ReactiveTransactionManager transactions) {
        this.authentication = authentication;
        this.optOuts = optOuts;
        this.transaction = TransactionalOperator.create(transactions);
    }

    @GetMapping(path = "/api/opt-outs", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Page> list(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") int limit) {
        Tenant tenant = authentication.tenant(authorization);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiRefusals.invalid(List.of("limit: must be between 1 and " + MAX_PAGE));
        }
        return optOuts.list(tenant.id(), after, limit)
                .collectList()
                .map(page -> new Page(
                        page, page.size() == limit ? page.get(page.size() - 1).phone() : null));
    }

    @PutMapping(path = "/api/opt-outs/{phone}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<OptOuts.OptOut>> optOut(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String phone) {
        Tenant tenant = authentication.tenant(authorization);
        String number = valid(phone);
        return optOuts.optOut(tenant.id(), number, OptOuts.Source.PLATFORM, "Imported by the platform")
                .flatMap(added -> optOuts.find(tenant.id(), number)
                        .map(stored -> ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
                                .body(stored)))
                .as(transaction::transactional);
    }

    @DeleteMapping(path = "/api/opt-outs/{phone}")
    public Mono<ResponseEntity<Void>> optIn(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String phone) {
        Tenant tenant = authentication.tenant(authorization);
        String number = valid(phone);
        return optOuts.optIn(tenant.id(), number, OptOuts.Source.PLATFORM, "Removed by the platform")
                .map(removed -> {
                    if (!removed) {
                        throw ApiRefusals.notFound("The number is not opted out");
                    }
                    return ResponseEntity.noContent().<Void>build();
                })
                .as(transaction::transactional);
    }

    /** The path's number, a valid E.164 number, or a 400 naming the field (the number masked). */
    public static String valid(String phone) {
        List<String> problems = new ArrayList<>();
        ReservationValidator.phone(phone, "phone", problems);
        if (!problems.isEmpty()) {
            throw ApiRefusals.invalid(problems);
        }
        return phone;
    }
}
