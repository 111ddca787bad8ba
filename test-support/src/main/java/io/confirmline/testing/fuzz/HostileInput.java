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
package io.confirmline.testing.fuzz;

import static io.confirmline.testing.fuzz.Gen.weight;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generators of hostile HTTP input, for any ConfirmLine endpoint: JSON that is random, huge, deep or not JSON;
 * wrong types and numbers no Java type holds; bytes that are not UTF-8; odd methods, Content-Types, Accept values
 * and headers, some oversized. Services combine them with their own valid-looking payloads ({@link #mutated}).
 */
public final class HostileInput {

    private HostileInput() {}

    /**
     * Any UTF-16 unit but Unicode's noncharacters and private-use characters: control characters and lone
     * surrogates included, mostly letters of other scripts.
     */
    private static final Gen<Character> UNICODE = Gen.chars(Character.MIN_VALUE, Character.MAX_VALUE)
            .filter(c -> !isNoncharacter(c) && Character.getType(c) != Character.PRIVATE_USE);

    /** Any UTF-16 unit at all. */
    private static final Gen<Character> ANY_UNIT = Gen.chars(Character.MIN_VALUE, Character.MAX_VALUE);

    private static boolean isNoncharacter(char c) {
        return (c >= '\uFDD0' && c <= '\uFDEF') || c == '\uFFFE' || c == '\uFFFF';
    }

    /** Strings: empty, any Unicode (lone surrogates included), control characters, long and very long. */
    public static Gen<String> strings() {
        return Gen.frequency(
                weight(4, Gen.strings(UNICODE, 0, 20)),
                weight(2, Gen.strings(ANY_UNIT, 0, 40)),
                weight(
                        2,
                        Gen.of(
                                "",
                                " ",
                                "null",
                                "true",
                                "0",
                                "-1",
                                "1e999",
                                "NaN",
                                "+447911123456",
                                "00447911123456",
                                "<script>",
                                "' OR 1=1 --",
                                "${jndi:ldap://x}",
                                "%s%n",
                                "../../etc/passwd",
                                "\u0000",
                                "\uD800",
                                "\uFEFF1",
                                "2026-02-30T25:61:00Z",
                                "1970-01-01T00:00:00Z",
                                "9999-12-31T23:59:59Z",
                                "+999999999-12-31T23:59:59Z",
                                "-1000000000-01-01T00:00:00Z")),
                // Long text is one character repeated: drawing 70,000 random characters would cost more than the
                // request.
                weight(
                        1,
                        Gen.combine(
                                Gen.chars(' ', '~'),
                                Gen.ints(1_000, 70_000),
                                (c, n) -> String.valueOf(c).repeat(n))));
    }

    /** Numbers, among them those no int, long or double holds. */
    public static Gen<Object> numbers() {
        return Gen.frequency(
                weight(3, Gen.ints()),
                weight(2, Gen.longs()),
                weight(2, Gen.doubles()),
                // Digits of a non-negative long (the sign bit cleared), then zeros: past any long.
                weight(
                        2,
                        Gen.combine(
                                Gen.longs().map(v -> v & Long.MAX_VALUE),
                                Gen.ints(1, 40),
                                (digits, zeros) -> new Json.Raw(digits + "0".repeat(zeros)))),
                weight(
                        3,
                        Gen.of(
                                        "99999999999",
                                        "1e20",
                                        "1e999",
                                        "-1e999",
                                        "1e-999",
                                        "2147483648",
                                        "-2147483649",
                                        "9223372036854775808",
                                        "0.5",
                                        "-0",
                                        "1E400",
                                        "4.9e-324",
                                        "1" + "0".repeat(999),
                                        "1" + "0".repeat(1_200))
                                .map(Json.Raw::new)));
    }

    /** Any JSON value (strings, numbers of every size, objects with our field names...), nested up to {@code depth}. */
    public static Gen<Object> json(int depth) {
        return random -> RandomJson.value(random, depth);
    }

    /** Real field names mostly, anything sometimes. */
    public static Gen<String> fieldNames() {
        return RandomJson::fieldName;
    }

    /** Arrays or objects nested far deeper than any payload (up to 5,000 levels). */
    public static Gen<String> deepJson() {
        return Gen.combine(
                Gen.ints(10, 5_000),
                Gen.of("[", "{\"a\":"),
                (depth, open) -> open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth));
    }

    /** Bytes that are not UTF-8 (or not text at all), alone or inside an otherwise fine JSON string. */
    public static Gen<byte[]> notUtf8() {
        Gen<byte[]> invalid = Gen.of(
                new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {0x00});
        return Gen.oneOf(Gen.bytes(2_000), Gen.combine(fieldNames(), invalid, (field, bad) -> {
            byte[] start = ("{\"payload\":{\"" + field + "\":\"").getBytes(StandardCharsets.UTF_8);
            byte[] end = "\"}}".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[start.length + bad.length + end.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(bad, 0, all, start.length, bad.length);
            System.arraycopy(end, 0, all, start.length + bad.length, end.length);
            return all;
        }));
    }

    /** Not JSON: truncated, trailing garbage, other formats. */
    public static Gen<String> notJson() {
        return Gen.oneOf(
                Gen.of(
                        "",
                        " ",
                        "{",
                        "}",
                        "[",
                        "{\"payload\":",
                        "{\"a\":1}}",
                        "{\"a\":1} x",
                        "null",
                        "0",
                        "\"x\"",
                        "<xml/>",
                        "a=1&b=2",
                        "{'a':1}",
                        "{\"a\":01}",
                        "{\"a\":NaN}",
                        "{\"a\":Infinity}",
                        "{\"a\":\"\\uZZZZ\"}",
                        "{\"a\" 1}",
                        "[1,]",
                        "{,}",
                        "{\"a\":1,}",
                        "\uFEFF{}"),
                strings());
    }

    /** Any body: JSON of every kind, not JSON, not UTF-8, or huge. */
    public static Gen<byte[]> bodies() {
        return Gen.frequency(
                weight(4, json(3).map(value -> Json.write(value).getBytes(StandardCharsets.UTF_8))),
                weight(1, deepJson().map(text -> text.getBytes(StandardCharsets.UTF_8))),
                weight(2, notJson().map(text -> text.getBytes(StandardCharsets.UTF_8))),
                weight(1, notUtf8()));
    }

    /**
     * A valid-looking payload with one to three fields changed: a value replaced by any JSON value, a field
     * removed, or one added; the change may be at any depth.
     */
    public static Gen<Object> mutated(Map<String, Object> valid) {
        return random -> RandomJson.mutate(valid, random);
    }

    /** HTTP methods, the usual and the odd. */
    public static Gen<String> methods() {
        return Gen.frequency(
                weight(6, Gen.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")),
                weight(1, Gen.of("TRACE", "PROPFIND", "FOO", "get", "M-SEARCH")));
    }

    /** Mostly an endpoint's own method (six in seven), any of {@link #methods()} now and then. */
    public static Gen<String> methods(String usual) {
        return Gen.frequency(weight(6, Gen.just(usual)), weight(1, methods()));
    }

    /** Mostly an endpoint's own path (nine in ten), a {@link #mangledPaths mangled} {@code path} now and then. */
    public static Gen<String> paths(String path) {
        return paths(Gen.just(path), path);
    }

    /** Mostly the endpoint's paths from {@code usual} (nine in ten), a mangled {@code plainPath} now and then. */
    public static Gen<String> paths(Gen<String> usual, String plainPath) {
        return Gen.frequency(weight(9, usual), weight(1, mangledPaths(plainPath)));
    }

    /** Content-Type values; null means none is sent. */
    public static Gen<String> contentTypes() {
        return Gen.frequency(
                weight(6, Gen.just("application/json")),
                weight(1, Gen.just(null)),
                weight(
                        3,
                        Gen.of(
                                "application/json; charset=utf-8",
                                "application/json;charset=UTF-16",
                                "application/json; charset=nonsense",
                                "application/problem+json",
                                "application/vnd.x+json",
                                "text/plain",
                                "text/html",
                                "application/xml",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x",
                                "application/octet-stream",
                                "*/*",
                                "application/*",
                                "garbage/",
                                "/",
                                "application/json;;;=",
                                "application/json; =x",
                                "json",
                                "",
                                "application/json, text/plain",
                                "application/json; charset=\"utf-8",
                                "APPLICATION/JSON",
                                "application/json ; q=0.5")));
    }

    /** Accept values; null means none is sent. */
    public static Gen<String> accepts() {
        return Gen.frequency(
                weight(6, Gen.just(null)),
                weight(2, Gen.of("application/json", "*/*", "application/problem+json")),
                weight(
                        1,
                        Gen.of(
                                "text/html",
                                "application/xml",
                                "image/png",
                                "garbage/",
                                ";;;",
                                "application/json;q=x",
                                "text/event-stream",
                                "application/x-ndjson",
                                "*/*;q=0")));
    }

    /**
     * Extra headers: odd values of headers we read (forwarding, tracing, encoding), many headers, and now and
     * then one over the 16 KB the services accept (kept below Netty's own 64 KB limit).
     */
    public static Gen<List<Map.Entry<String, String>>> oddHeaders() {
        return HostileInput::oddHeaders;
    }

    private static final List<String> KNOWN_HEADERS = List.of(
            "X-Forwarded-For",
            "Forwarded",
            "X-Forwarded-Proto",
            "X-Forwarded-Host",
            "X-Forwarded-Prefix",
            "X-Forwarded-Port",
            "traceparent",
            "tracestate",
            "baggage",
            "Content-Encoding",
            "Accept-Encoding",
            "Accept-Language",
            "Accept-Charset",
            "Cookie",
            "If-None-Match",
            "If-Modified-Since",
            "Range",
            "Origin",
            "Access-Control-Request-Method",
            "X-Request-Id");
    private static final List<String> KNOWN_VALUES = List.of(
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "00-00000000000000000000000000000000-0000000000000000-00",
            "ff-zz",
            "zz-zz",
            "gzip",
            "deflate",
            "br",
            "bytes=0-1,5-",
            "1.2.3.4, unknown, ::1",
            "for=\"[::1\"",
            "null",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "en;q=x",
            "https",
            "ftp",
            "-1",
            "99999",
            "",
            "a=b; c",
            "GET");

    private static List<Map.Entry<String, String>> oddHeaders(SplittableRandom random) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int kind = random.nextInt(20);
        if (kind == 0) {
            // Many headers, together still under the limit.
            for (int i = 50 + random.nextInt(70); i > 0; i--) {
                headers.add(new AbstractMap.SimpleEntry<>("X-" + token(random), printable(random, 30)));
            }
        } else if (kind == 1) {
            // One over the 16 KB the services accept, below Netty's own 64 KB.
            headers.add(new AbstractMap.SimpleEntry<>("X-Huge", "h".repeat(17_000 + random.nextInt(23_000))));
        } else {
            for (int i = random.nextInt(4); i > 0; i--) {
                String name = random.nextBoolean()
                        ? KNOWN_HEADERS.get(random.nextInt(KNOWN_HEADERS.size()))
                        : "X-" + token(random);
                String value = random.nextBoolean()
                        ? KNOWN_VALUES.get(random.nextInt(KNOWN_VALUES.size()))
                        : printable(random, 200);
                headers.add(new AbstractMap.SimpleEntry<>(name, value));
            }
        }
        return headers;
    }

    private static String token(SplittableRandom random) {
        char[] chars = new char[1 + random.nextInt(20)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = "abcdefghijklmnopqrstuvwxyz-0123456789".charAt(random.nextInt(37));
        }
        return new String(chars);
    }

    private static String printable(SplittableRandom random, int maxLength) {
        char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (' ' + random.nextInt(95));
        }
        return new String(chars);
    }

    /**
     * A path with its segments mangled: encoded and double-encoded characters, dot segments, doubled or
     * trailing slashes, a long segment, matrix variables or an odd query.
     */
    public static Gen<String> mangledPaths(String path) {
        return Gen.of(
                path + "/",
                path + "//",
                "/" + path,
                path.replace("/", "//"),
                path + "/..",
                path + "/../../actuator/env",
                path + "%2F",
                path + "%00",
                path + "%C3%28",
                path + ";jsessionid=1",
                path + "?" + "q=".repeat(3),
                path + "?a=%FF%FE",
                path + "?a=%25",
                path.toUpperCase(Locale.ROOT),
                path + "/" + "x".repeat(3_000),
                path + "?" + "x".repeat(5_000),
                path + "/%2e%2e/",
                path + "/%E2%80%AE",
                path + ".json",
                path + "/*");
    }

    /** Path segments for ids: valid-looking, garbage, encoded, huge. Percent-encoded, ready for a URI. */
    public static Gen<String> idSegments() {
        Gen<String> anyText = RandomJson::string;
        return Gen.frequency(
                weight(3, random -> {
                    long bits = random.nextLong();
                    return new UUID(bits, ~bits).toString();
                }),
                weight(2, Gen.strings(Gen.charsOf(ID_CHARS), 1, 40)),
                weight(
                        2,
                        anyText.filter(s -> !s.isEmpty() && s.length() < 2_000).map(HostileInput::encode)),
                weight(
                        1,
                        Gen.of(
                                "%00",
                                "%2F",
                                "..",
                                ".",
                                "%2e%2e",
                                "%25",
                                "%C3%28",
                                "null",
                                "00000000-0000-0000-0000-000000000000",
                                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                                "0-0-0-0-0",
                                "1-1-1-1-111111111111111111",
                                "x".repeat(5_000))));
    }

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    /** Percent-encodes everything but unreserved characters, as a path segment or query value needs. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
