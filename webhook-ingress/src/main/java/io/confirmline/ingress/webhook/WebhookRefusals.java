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
package io.confirmline.ingress.webhook;

import io.confirmline.web.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The webhooks we refuse, in the shared problem+json model; their type is {@code .../problems/webhook-<status>}
 * (published, so kept). None is a 5xx except {@link #unavailable}: 8x8 redelivers a 5xx, so a 5xx must mean "we
 * could not store it yet", never "we cannot read it".
 */
public final class WebhookRefusals {

    /** When 8x8 (or anyone) should try a 503 again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private WebhookRefusals() {}

    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "webhook-400", "Invalid webhook", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return ProblemException.unauthorized("webhook-401", detail, "Bearer", "8x8-webhooks");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "webhook-403", "Forbidden", detail);
    }

    public static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "webhook-413",
                "Body too large",
                "Webhook bodies are limited to " + maxBytes + " bytes");
    }

    public static ProblemException unavailable(String title, String detail) {
        return ProblemException.unavailable("webhook-503", title, detail, RETRY_AFTER);
    }
}
