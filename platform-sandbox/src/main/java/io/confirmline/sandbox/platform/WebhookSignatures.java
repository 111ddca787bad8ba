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
package io.confirmline.sandbox.platform;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a Standard Webhooks signature as a platform does, with the reference library: the webhooks' body, or
 * for an availability request the path with its query (docs/platform-availability.md).
 */
final class WebhookSignatures {

    private WebhookSignatures() {}

    /**
     * The positions of the secrets with a valid signature over {@code content}; any one is enough to accept it.
     * Empty also when a header is missing or the timestamp is not within {@code tolerance} of now (replays are
     * refused).
     */
    static List<Integer> signedWith(
            List<Webhook> secrets,
            Clock clock,
            Duration tolerance,
            String content,
            String id,
            String timestamp,
            String signature) {
        if (id == null || timestamp == null || signature == null) {
            return List.of();
        }
        try {
            if (Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant())
                            .abs()
                            .compareTo(tolerance)
                    > 0) {
                return List.of();
            }
        } catch (NumberFormatException e) {
            return List.of();
        }
        Map<String, List<String>> headers = Map.of(
                "webhook-id",
                List.of(id),
                "webhook-timestamp",
                List.of(timestamp),
                "webhook-signature",
                List.of(signature));
        List<Integer> signed = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            try {
                secrets.get(i).verify(content, headers);
                signed.add(i);
            } catch (WebhookVerificationException e) {
                // not signed with this one
            }
        }
        return signed;
    }
}
