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
package io.confirmline.console.alert;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The alerts form as posted, and what is wrong with it (input id → message key). The owner may type their number
 * with spaces; it is kept in E.164 when libphonenumber knows it as a valid number.
 */
record AlertForm(String ownerPhone, String lateCancelHours, String unansweredMinutes) {

    static final int MAX_HOURS = 72;
    static final int MAX_MINUTES = 1440;
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    static AlertForm of(MultiValueMap<String, String> posted) {
        return new AlertForm(
                trim(posted.getFirst("ownerPhone")),
                trim(posted.getFirst("lateCancelHours")),
                trim(posted.getFirst("unansweredMinutes")));
    }

    static AlertForm of(AlertSettings settings) {
        return settings == null
                ? new AlertForm("", "", "")
                : new AlertForm(
                        settings.ownerPhone(), text(settings.lateCancelHours()), text(settings.unansweredMinutes()));
    }

    Map<String, String> problems() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (ownerPhone.isEmpty()) {
            errors.put("ownerPhone", "alerts.error.phoneMissing");
        } else if (e164() == null) {
            errors.put("ownerPhone", "alerts.error.phone");
        }
        if (!lateCancelHours.isEmpty() && number(lateCancelHours, MAX_HOURS) == null) {
            errors.put("lateCancelHours", "alerts.error.hours");
        }
        if (!unansweredMinutes.isEmpty() && number(unansweredMinutes, MAX_MINUTES) == null) {
            errors.put("unansweredMinutes", "alerts.error.minutes");
        }
        return errors;
    }

    /** The settings; call only when {@link #problems()} is empty. */
    AlertSettings settings(String language) {
        return new AlertSettings(
                e164(),
                lateCancelHours.isEmpty() ? null : number(lateCancelHours, MAX_HOURS),
                unansweredMinutes.isEmpty() ? null : number(unansweredMinutes, MAX_MINUTES),
                language);
    }

    /** The number in E.164 when it is a valid one written with its country code; else null. */
    String e164() {
        if (!ownerPhone.startsWith("+")) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(ownerPhone, null);
            return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static Integer number(String value, int max) {
        try {
            int parsed = Integer.parseInt(value);
            return parsed >= 1 && parsed <= max ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }
}
