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
package io.confirmline.prompt;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Makes user-supplied text (a guest's name, a venue, a message) safe to speak: no markup (8x8 may read SSML-like
 * angle brackets), no control characters, none of the special characters 8x8 rejects with -1016, whitespace
 * collapsed, length bounded. Letters of every script, digits and ordinary punctuation stay.
 */
public final class SpeechText {

    private static final Pattern NOT_SPEAKABLE = Pattern.compile("[^\\p{L}\\p{M}\\p{N} .,'’!?:;()\\-/&]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SpeechText() {}

    /** The text cleaned for TTS and cut to {@code maxLength} characters (at a word boundary when possible). */
    public static String clean(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC);
        String cleaned = SPACES.matcher(NOT_SPEAKABLE
                        .matcher(normalised.replaceAll("<[^>]*>", " "))
                        .replaceAll(" "))
                .replaceAll(" ")
                .trim();
        if (cleaned.length() <= maxLength) {
            return cleaned;
        }
        String cut = cleaned.substring(0, maxLength);
        int space = cut.lastIndexOf(' ');
        return (space > maxLength / 2 ? cut.substring(0, space) : cut).trim();
    }
}
