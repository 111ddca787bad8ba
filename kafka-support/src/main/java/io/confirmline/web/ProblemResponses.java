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
import java.util.UUID;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.ErrorResponse;

/**
 * Turns any error a request ran into into the problem its caller gets: ours and Spring's as they are (with a
 * ConfirmLine type URI when Spring gave none), the few framework exceptions that are the caller's fault but carry no
 * status, and everything else as a 500 that says nothing about our internals.
 */
final class ProblemResponses {

    static final String UNEXPECTED_TYPE = "internal-error";

    private ProblemResponses() {}

    /** The answer to {@code error}; {@link Answer#unexpected()} when it is a defect of ours (500). */
    static Answer answer(Throwable error, ServerHttpRequest request) {
        if (error instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            if (body.getType() == null || "about:blank".equals(body.getType().toString())) {
                body.setType(
                        ProblemException.type("http-" + response.getStatusCode().value()));
            }
            return new Answer(response.getStatusCode().value(), body, response.getHeaders(), false, null);
        }
        if (error instanceof InvalidMediaTypeException || error instanceof InvalidMimeTypeException) {
            // A header we could not even parse; when it is the Content-Type, 415 says which.
            HttpStatus status =
                    contentTypeUnreadable(request) ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.BAD_REQUEST;
            return known(status, "A media type in the request headers could not be parsed");
        }
        if (error instanceof DataBufferLimitException) {
            return known(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than this endpoint accepts");
        }
        if (error instanceof DecodingException) {
            return known(HttpStatus.BAD_REQUEST, "The request body could not be read");
        }
        String correlationId = UUID.randomUUID().toString();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged with correlation id " + correlationId);
        body.setType(ProblemException.type(UNEXPECTED_TYPE));
        body.setProperty("correlationId", correlationId);
        return new Answer(500, body, HttpHeaders.EMPTY, true, correlationId);
    }

    private static Answer known(HttpStatus status, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(ProblemException.type("http-" + status.value()));
        return new Answer(status.value(), body, HttpHeaders.EMPTY, false, null);
    }

    private static boolean contentTypeUnreadable(ServerHttpRequest request) {
        try {
            request.getHeaders().getContentType();
            return false;
        } catch (InvalidMediaTypeException e) {
            return true;
        }
    }

    /**
     * @param unexpected a defect of ours: logged at ERROR under {@code correlationId}
     */
    record Answer(int status, ProblemDetail body, HttpHeaders headers, boolean unexpected, String correlationId) {

        URI type() {
            return body.getType();
        }
    }
}
