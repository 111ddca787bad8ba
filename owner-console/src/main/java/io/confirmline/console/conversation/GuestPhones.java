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
package io.confirmline.console.conversation;

import java.util.regex.Pattern;

/** A guest's number as the inbox's paths carry it: E.164 ({@code +} and 7 to 15 digits, no leading zero). */
final class GuestPhones {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private GuestPhones() {}

    static boolean valid(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }
}
