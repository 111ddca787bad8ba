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
package io.confirmline.console.backend;

import io.confirmline.web.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The orchestrator or the notifier refused a request, or could not be reached. A problem+json as it stands (the
 * console's API answers it as is), and a page shows {@link #reason()} to the owner.
 *
 * <p>What the service said about the request itself (400, 404, 409, 422) is passed on with its status and detail:
 * it is the owner's to read ("the call is being dialed"). A refused console key (401, 403) is the console's own
 * fault, a 502; a service that is down, slow or failing is a 503 to try again.
 */
public final class BackendException extends ProblemException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final String service;
    private final int backendStatus;
    private final String reason;

    private BackendException(
            HttpStatusCode status, String type, String title, String service, int backendStatus, String reason) {
        super(status, type, title, reason);
        this.service = service;
        this.backendStatus = backendStatus;
        this.reason = reason;
    }

    /** The service answered {@code status} with {@code detail} (its problem's detail, or null). */
    static BackendException answered(String service, int status, String detail) {
        if (status == 400 || status == 404 || status == 409 || status == 422) {
            HttpStatus passed = HttpStatus.valueOf(status);
            return new BackendException(
                    passed,
                    service + "-" + status,
                    passed.getReasonPhrase(),
                    service,
                    status,
                    detail == null || detail.isBlank()
                            ? "The " + service + " refused: " + passed.getReasonPhrase()
                            : detail);
        }
        if (status == 401 || status == 403) {
            return new BackendException(
                    HttpStatus.BAD_GATEWAY,
                    service + "-key-refused",
                    "Bad Gateway",
                    service,
                    status,
                    "The " + service + " does not accept the console's key for this tenant yet; try again "
                            + "in a moment");
        }
        return (BackendException) new BackendException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        service + "-unavailable",
                        "Service Unavailable",
                        service,
                        status,
                        "The " + service + " is unavailable (" + status + "); try again shortly")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
    }

    /** The service could not be reached or did not answer in time. */
    static BackendException unreachable(String service, Throwable cause) {
        return (BackendException) new BackendException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        service + "-unavailable",
                        "Service Unavailable",
                        service,
                        0,
                        "The " + service + " could not be reached ("
                                + cause.getClass().getSimpleName() + "); try again shortly")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
    }

    /** The tenant has no console key (yet): nothing can be asked on its behalf. */
    static BackendException noKey(String service, String tenantId) {
        return new BackendException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "console-key-missing",
                "Service Unavailable",
                service,
                0,
                "Tenant " + tenantId + " has no console key yet; it is made at the console's start");
    }

    /** {@code orchestrator} or {@code notifier}. */
    public String service() {
        return service;
    }

    /** What the service answered; 0 when it did not answer. */
    public int backendStatus() {
        return backendStatus;
    }

    /** One sentence for the owner: the service's own detail when it refused the request, else what went wrong. */
    public String reason() {
        return reason;
    }

    /** Whether the service is away (down, slow, failing) rather than refusing this request. */
    public boolean unavailable() {
        return getStatusCode().value() == 503;
    }
}
