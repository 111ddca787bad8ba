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
package io.confirmline.console.audit;

import io.confirmline.console.user.UserAccess;
import io.confirmline.web.ProblemException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The audit log over HTTP, newest first: a tenant's lines for the platform admin or that tenant's owners, every
 * line (sign-ins with unknown emails too) for the platform admin. Page with {@code before=<id of the last line>}.
 */
@RestController
public class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditQueries queries;

    public AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/admin/tenants/{tenantId}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<AuditRecord>> forTenant(
            @PathVariable String tenantId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        int pageSize = limit(limit);
        Long beforeId = before(before);
        return UserAccess.manager(tenantId)
                .flatMap(principal ->
                        queries.forTenant(tenantId, beforeId, pageSize).collectList());
    }

    @GetMapping(path = "/api/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<AuditRecord>> all(
            @RequestParam(required = false) String limit, @RequestParam(required = false) String before) {
        int pageSize = limit(limit);
        Long beforeId = before(before);
        return UserAccess.platformAdmin()
                .flatMap(principal -> queries.all(beforeId, pageSize).collectList());
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(
                "admin-400",
                List.of(new ProblemException.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
    }

    private static Long before(String value) {
        if (value == null) {
            return null;
        }
        try {
            long before = Long.parseLong(value.strip());
            if (before > 0) {
                return before;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(
                "admin-400", List.of(new ProblemException.FieldError("before", "must be the id of an audit line")));
    }
}
