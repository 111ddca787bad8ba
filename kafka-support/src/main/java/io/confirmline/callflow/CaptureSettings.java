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
package io.confirmline.callflow;

import java.time.Duration;

/**
 * How a key press is captured. Every {@code sayAndCapture} parameter is set explicitly, because 8x8's guide and
 * its OpenAPI file disagree on the defaults (8x8-voice-api.md §2.2).
 *
 * @param digitTimeout how long 8x8 waits for the key once the prompt has been said
 * @param overallTimeout the whole capture's limit; must be longer than {@code digitTimeout} (8x8 -1006)
 * @param tries how often the prompt is repeated on no or invalid input within one capture
 * @param speed the TTS speed, 0.5–2
 */
public record CaptureSettings(Duration digitTimeout, Duration overallTimeout, int tries, double speed) {

    public static final CaptureSettings DEFAULT =
            new CaptureSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), 1, 1.0);

    public CaptureSettings {
        if (overallTimeout.compareTo(digitTimeout) <= 0) {
            throw new IllegalArgumentException("overallTimeout must be greater than digitTimeout (8x8 -1006)");
        }
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1");
        }
        if (speed < 0.5 || speed > 2) {
            throw new IllegalArgumentException("speed must be between 0.5 and 2");
        }
    }
}
