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
package io.confirmline.sandbox.eightbyeight.sms;

/**
 * How 8x8 encodes a text and how many SMS it takes (what {@code encoding} and {@code smsCount} report): GSM 03.38's
 * 7-bit alphabet when every character is in it (160 per SMS, 153 per part of a long one; the extension characters
 * such as {@code €} count twice), else UCS-2 (70, or 67 per part).
 */
final class TextEncoding {

    static final String GSM7 = "GSM7";
    static final String UCS2 = "UCS2";

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private TextEncoding() {}

    /** The encoding 8x8 reports: the one asked for, or for AUTO (or none) the one the text needs. */
    static String of(String text, String requested) {
        if (GSM7.equals(requested) || UCS2.equals(requested)) {
            return requested;
        }
        return text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0) ? GSM7 : UCS2;
    }

    /** How many SMS the text is sent as in {@code encoding}. */
    static int smsCount(String text, String encoding) {
        if (GSM7.equals(encoding)) {
            int septets =
                    text.chars().map(c -> EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = text.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
