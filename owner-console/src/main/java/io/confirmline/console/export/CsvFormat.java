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
package io.confirmline.console.export;

import java.util.List;

/**
 * CSV as RFC 4180 writes it, for spreadsheet programs: lines end in CRLF; a field holding a comma, a double quote,
 * CR or LF is quoted, its quotes doubled; the file starts with a UTF-8 byte order mark so Excel reads it as UTF-8.
 * A cell starting with {@code = + - @}, a tab or CR would be taken for a formula by a spreadsheet (CSV injection:
 * a guest's name {@code =HYPERLINK(...)}), so it gets a leading single quote, which the spreadsheet shows as text.
 */
public final class CsvFormat {

    /** U+FEFF, which UTF-8 writes as EF BB BF. */
    public static final String BOM = "\uFEFF";

    public static final String LINE_END = "\r\n";

    private CsvFormat() {}

    /** One record: its cells escaped, joined by commas, ended by CRLF. A null cell is empty. */
    public static String line(List<String> cells) {
        StringBuilder line = new StringBuilder(cells.size() * 16);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append(LINE_END).toString();
    }

    /** One field, neutralised against formulas, then quoted when RFC 4180 requires it. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeAFormula(value) ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
