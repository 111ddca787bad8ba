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
package io.confirmline.sandbox.eightbyeight;

import java.util.regex.Pattern;

/** Phone numbers as the voice sandbox reads them: E.164, the {@code +} optional as in 8x8's samples. */
final class Numbers {

    /** 8x8's MSISDN check on a destination (Send Callflow -1017). */
    static final Pattern MSISDN = Pattern.compile("\\+?[1-9]\\d{6,14}");

    private Numbers() {}

    static String normalised(String number) {
        return number.startsWith("+") ? number : "+" + number;
    }

    static boolean valid(String number) {
        return number != null && MSISDN.matcher(number).matches();
    }
}
