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
package io.confirmline.console.tenant;

import io.confirmline.web.ProblemException;
import io.confirmline.web.ProblemException.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The admin API's refusals, in the shared problem+json model; their type is {@code .../problems/admin-<status>}
 * (published, so kept). A tenant the caller may not see is answered as if it did not exist (404), an action on a
 * tenant they see but may not change is a 403.
 */
public final class AdminProblems {

    private AdminProblems() {}

    public static ProblemException of(HttpStatus status, String detail) {
        return new ProblemException(status, "admin-" + status.value(), status.getReasonPhrase(), detail);
    }

    public static ProblemException invalid(Problems problems) {
        return ProblemException.invalid("admin-400", problems.errors());
    }

    public static ProblemException badRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, detail);
    }

    public static ProblemException notFound(String tenantId) {
        return of(HttpStatus.NOT_FOUND, "No tenant " + tenantId);
    }

    public static ProblemException forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, detail);
    }

    public static ProblemException conflict(String detail) {
        return of(HttpStatus.CONFLICT, detail);
    }

    /** A 409 naming the fields in conflict, as a 400 names invalid ones. */
    public static ProblemException conflict(String detail, List<FieldError> errors) {
        return of(HttpStatus.CONFLICT, detail).with("errors", List.copyOf(errors));
    }

    public static ProblemException unauthorized() {
        return ProblemException.unauthorized(
                "admin-401",
                "The admin token (Authorization: Bearer <token>) or a login session is required",
                "Bearer",
                "confirmline-console");
    }
}
