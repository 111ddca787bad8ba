package io.confirmline.console.conversation;

/**
 * How long a text the owner prepares may be: what one concatenated SMS of six segments holds — 918 characters
 * when every character is in the GSM-7 alphabet (6 × 153 septets, an extension character such as € counting
 * twice), else 402 (6 × 67 UCS-2 units). The orchestrator's {@code SmsParts} applies the same 3GPP rules when it
 * sends; the console cannot call it, so it keeps this much of them.
 */
final class TextLength {

    static final int GSM7_LIMIT = 918;
    static final int UCS2_LIMIT = 402;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private TextLength() {
    }

    /** Whether {@code text} fits one six-segment text. */
    static boolean fits(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return text.length() <= UCS2_LIMIT;
            }
        }
        return septets <= GSM7_LIMIT;
    }
}
