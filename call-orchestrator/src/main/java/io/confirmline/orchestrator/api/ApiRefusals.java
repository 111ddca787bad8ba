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
package io.confirmline.orchestrator.api;

import io.confirmline.web.ProblemException;
import io.confirmline.web.ProblemException.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The platform API's refusals, in the shared problem+json model; their type is {@code .../problems/api-<status>}
 * (published, so kept).
 */
public final class ApiRefusals {

    private ApiRefusals() {}

    public static ProblemException of(HttpStatus status, String detail) {
        return new ProblemException(status, "api-" + status.value(), status.getReasonPhrase(), detail);
    }

    /**
     * A 400 naming every invalid field; {@code problems} are {@code "field: what is wrong"}, as the validators
     * word them, and become {@code errors: [{field, message}]}.
     */
    public static ProblemException invalid(List<String> problems) {
        List<FieldError> errors = problems.stream()
                .map(problem -> {
                    int colon = problem.indexOf(": ");
                    return colon < 0
                            ? new FieldError(null, problem)
                            : new FieldError(problem.substring(0, colon), problem.substring(colon + 2));
                })
                .toList();
        return ProblemException.invalid("api-400", errors);
    }

    public static ProblemException unauthorized() {
        return ProblemException.unauthorized(
                "api-401", "A tenant API key is required: Authorization: Bearer <key>", "Bearer", "confirmline");
    }

    /** The key is right but its tenant is switched off: nothing of its API is served until it is enabled again. */
    public static ProblemException tenantDisabled() {
        return of(HttpStatus.FORBIDDEN, "The tenant is disabled");
    }

    public static ProblemException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return of(HttpStatus.CONFLICT, detail);
    }

    /** Every body the platform API takes is JSON: anything else is a 415 before the body is read. */
    public static void requireJson(org.springframework.http.MediaType contentType) {
        if (contentType == null || !org.springframework.http.MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            throw of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
        }
    }
}
