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

import java.util.regex.Pattern;

/** Phone numbers as 8x8's webhooks give them, in the E.164 form tenants and topics use. */
public final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");
    private static final Pattern DIGITS = Pattern.compile("\\+?\\d+");

    private PhoneNumbers() {}

    /**
     * {@code 6581968289}, {@code +65 8196 8289} and {@code +6581968289} are all {@code +6581968289}: 8x8 sometimes
     * omits the +. Anything that is not a number (an alphanumeric sender id) is kept as sent, without separators.
     */
    public static String e164(String raw) {
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (!DIGITS.matcher(compact).matches()) {
            return compact;
        }
        return compact.startsWith("+") ? compact : "+" + compact;
    }
}
