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
package io.confirmline.sms;

/**
 * How a text travels: in GSM-7 (3GPP TS 23.038, the GSM 03.38 alphabet) when every character is in its basic set
 * or extension table, else in UCS-2; and in how many SMS segments, which is what the guest's phone stitches
 * together and what 8x8 bills. One segment holds 160 septets or 70 UTF-16 code units; a concatenated message
 * loses room to its header: 153 septets or 67 code units per segment. An extension character (€, [, ], {, },
 * ^, ~, \, |, form feed) takes two septets (escape + code) and is never split across segments; nor is an emoji's
 * surrogate pair.
 *
 * @param encoding the alphabet the text needs
 * @param segments how many SMS the text is sent as (at least 1)
 * @param characters the text's length in that alphabet: septets for GSM-7, UTF-16 code units for UCS-2
 */
public record SmsParts(Encoding encoding, int segments, int characters) {

    /** The two alphabets 8x8 chooses between with {@code encoding: AUTO}. */
    public enum Encoding {
        GSM7,
        UCS2
    }

    static final int GSM7_SINGLE = 160;
    static final int GSM7_PART = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_PART = 67;

    /** The GSM 03.38 basic character set (the escape code 0x1B itself excluded: it is not text). */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each is sent as escape + code, two septets. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    /** The encoding, segments and length of {@code text} (null reads as empty). */
    public static SmsParts of(String text) {
        String body = text == null ? "" : text;
        int[] units = gsmSeptets(body);
        if (units != null) {
            return new SmsParts(Encoding.GSM7, segments(units, GSM7_SINGLE, GSM7_PART), sum(units));
        }
        int[] codeUnits = new int[body.codePointCount(0, body.length())];
        int i = 0;
        for (int offset = 0; offset < body.length(); offset += Character.charCount(body.codePointAt(offset))) {
            codeUnits[i++] = Character.charCount(body.codePointAt(offset));
        }
        return new SmsParts(Encoding.UCS2, segments(codeUnits, UCS2_SINGLE, UCS2_PART), body.length());
    }

    /** Whether every character of {@code text} can be sent in GSM-7. */
    public static boolean isGsm7(String text) {
        return gsmSeptets(text == null ? "" : text) != null;
    }

    /** The septets of each character, or null when one is outside GSM-7. */
    private static int[] gsmSeptets(String text) {
        int[] septets = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets[i] = 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets[i] = 2;
            } else {
                return null;
            }
        }
        return septets;
    }

    /**
     * Segments for characters of the given sizes: one if they all fit in {@code single}; else filled greedily
     * with {@code part} each, a character that does not fit whole starting the next segment.
     */
    private static int segments(int[] sizes, int single, int part) {
        if (sum(sizes) <= single) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int size : sizes) {
            if (used + size > part) {
                segments++;
                used = 0;
            }
            used += size;
        }
        return segments;
    }

    private static int sum(int[] sizes) {
        int total = 0;
        for (int size : sizes) {
            total += size;
        }
        return total;
    }
}
