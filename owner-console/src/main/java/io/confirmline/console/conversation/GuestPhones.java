package io.confirmline.console.conversation;

import java.util.regex.Pattern;

/** A guest's number as the inbox's paths carry it: E.164 ({@code +} and 7 to 15 digits, no leading zero). */
final class GuestPhones {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private GuestPhones() {
    }

    static boolean valid(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }
}
