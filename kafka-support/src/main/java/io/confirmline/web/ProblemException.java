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
package io.confirmline.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request we refuse, answered as RFC 9457 {@code application/problem+json} by {@link ProblemWebExceptionHandler}
 * in every ConfirmLine service. Throw it (or return it in a {@code Mono.error}) from a controller, a filter or any
 * code a request runs; the status, headers and body are all it carries, so the response never depends on where it
 * was raised.
 *
 * <p>{@code type} is a short slug resolved under {@value #TYPE_BASE}; clients may branch on it, so keep a slug once
 * published.
 */
public class ProblemException extends ErrorResponseException {

    /** Every problem type ConfirmLine answers with lives under this URI. */
    public static final String TYPE_BASE = "https://confirmline.io/problems/";

    /** One invalid field of a request, so a client can show each message next to its input. */
    public record FieldError(String field, String message) {}

    public ProblemException(HttpStatusCode status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public ProblemException(HttpStatusCode status, String type, String title, String detail, Throwable cause) {
        super(status, body(status, type, title, detail), cause);
    }

    private static ProblemDetail body(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(type(type));
        if (title != null) {
            body.setTitle(title);
        }
        return body;
    }

    /** The type URI for a slug ({@code "api-400"} → {@code https://confirmline.io/problems/api-400}). */
    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /** A 400 with the reason; {@code type} as for the constructor. */
    public static ProblemException badRequest(String type, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, "Bad Request", detail);
    }

    /**
     * A 400 naming every invalid field: {@code errors: [{field, message}]} in the body, and the detail joins them
     * as {@code "field: message; ..."}.
     */
    public static ProblemException invalid(String type, List<FieldError> errors) {
        String detail = String.join(
                "; ",
                errors.stream()
                        .map(error -> error.field() == null ? error.message() : error.field() + ": " + error.message())
                        .toList());
        return badRequest(type, detail).with("errors", List.copyOf(errors));
    }

    /** A 401 with {@code WWW-Authenticate: <scheme> realm="<realm>"}, which RFC 9110 requires of every 401. */
    public static ProblemException unauthorized(String type, String detail, String scheme, String realm) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, type, "Unauthorized", detail)
                .header(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=\"" + realm + "\"");
    }

    /** A 503 with {@code Retry-After} in whole seconds, telling the caller to come back rather than give up. */
    public static ProblemException unavailable(String type, String title, String detail, Duration retryAfter) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    /** Adds a member to the body (e.g. {@code errors}); the value is serialised as JSON. */
    public ProblemException with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    /** Adds a response header (e.g. {@code Retry-After}). */
    public ProblemException header(String name, String value) {
        getHeaders().add(name, value);
        return this;
    }

    /** The {@code errors} member of a 400 from {@link #invalid}; empty for any other problem. */
    @SuppressWarnings("unchecked")
    public List<FieldError> errors() {
        var properties = getBody().getProperties();
        Object errors = properties == null ? null : properties.get("errors");
        return errors instanceof List<?> list ? (List<FieldError>) list : List.of();
    }

    /** The status as an {@link HttpStatus}. */
    public HttpStatus status() {
        return HttpStatus.valueOf(getStatusCode().value());
    }

    /** The detail a client reads. */
    public String detail() {
        return getBody().getDetail();
    }

    /** The detail, as the caller reads it (Spring's message would be the whole ProblemDetail's toString). */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
