package io.confirmline.sandbox.eightbyeight;

import java.util.regex.Pattern;

/** Phone numbers as the voice sandbox reads them: E.164, the {@code +} optional as in 8x8's samples. */
final class Numbers {

    /** 8x8's MSISDN check on a destination (Send Callflow -1017). */
    static final Pattern MSISDN = Pattern.compile("\\+?[1-9]\\d{6,14}");

    private Numbers() {
    }

    static String normalised(String number) {
        return number.startsWith("+") ? number : "+" + number;
    }

    static boolean valid(String number) {
        return number != null && MSISDN.matcher(number).matches();
    }
}
