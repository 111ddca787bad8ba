package io.confirmline.ingress.webhook;

import java.util.regex.Pattern;

/** Phone numbers as 8x8's webhooks give them, in the E.164 form tenants and topics use. */
public final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");
    private static final Pattern DIGITS = Pattern.compile("\\+?\\d+");

    private PhoneNumbers() {
    }

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
