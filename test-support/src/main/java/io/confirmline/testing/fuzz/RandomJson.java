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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws JSON values straight from the run's {@link SplittableRandom}: a value per request must cost microseconds,
 * so a node is a few draws, not a composition of generators.
 */
final class RandomJson {

    static final List<String> FIELD_NAMES = List.of(
            "payload",
            "eventType",
            "sessionId",
            "subAccountId",
            "eventId",
            "callDuration",
            "sipCode",
            "eventData",
            "dtmf",
            "timestamp",
            "sessionStatus",
            "errorDetails",
            "errorCode",
            "errorMsg",
            "details",
            "callA",
            "callB",
            "callCount",
            "clientRequestId",
            "type",
            "reservationId",
            "version",
            "startsAt",
            "guestPhone",
            "guestName",
            "partySize",
            "locale",
            "messageId",
            "phone",
            "text",
            "repetitions",
            "purpose",
            "validUntil",
            "tenantId",
            "status",
            "id");

    static final List<String> STRINGS = List.of(
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
            "+1",
            "+99999999999999999999",
            "<script>",
            "' OR 1=1 --",
            "${jndi:ldap://x}",
            "%s%n",
            "../../etc/passwd",
            "\u0000",
            "\uD800",
            "\uFEFF1",
            "\u202Eevil",
            "2026-02-30T25:61:00Z",
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "+999999999-12-31T23:59:59Z",
            "-1000000000-01-01T00:00:00Z",
            "2026-11-21T20:30:00+01:00",
            "P1D",
            "CALL_ACTION",
            "SESSION_SUMMARY",
            "CALL_STATUS",
            "RESERVATION",
            "APPOINTMENT",
            "VOICE_MESSAGE",
            "COMPLETED",
            "ERROR",
            "en-GB",
            "xx-XX",
            "luigis",
            "luigis_voice",
            "clinic_voice");

    static final List<String> RAW_NUMBERS = List.of(
            "99999999999",
            "1e20",
            "1e999",
            "-1e999",
            "1e-999",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "-9223372036854775809",
            "0.5",
            "-0",
            "1E400",
            "4.9e-324",
            "1" + "0".repeat(999),
            "1" + "0".repeat(1_200),
            "0.1e1",
            "123456789012345678901234567890.5");

    private RandomJson() {}

    static Object value(SplittableRandom random, int depth) {
        int pick = random.nextInt(depth <= 0 ? 7 : 10);
        return switch (pick) {
            case 0, 1, 2 -> string(random);
            case 3, 4 -> number(random);
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    map.put(fieldName(random), value(random, depth - 1));
                }
                yield map;
            }
        };
    }

    static String fieldName(SplittableRandom random) {
        return random.nextInt(5) == 0 ? string(random) : FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size()));
    }

    static String string(SplittableRandom random) {
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                return STRINGS.get(random.nextInt(STRINGS.size()));
            }
            case 3 -> {
                // Any UTF-16 unit, lone surrogates and control characters included.
                char[] chars = new char[random.nextInt(40)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
                }
                return new String(chars);
            }
            case 4 -> {
                return String.valueOf((char) (' ' + random.nextInt(95))).repeat(1_000 + random.nextInt(69_000));
            }
            default -> {
                char[] chars = new char[random.nextInt(25)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) (' ' + random.nextInt(95));
                }
                return new String(chars);
            }
        }
    }

    static Object number(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextInt(1_000) - 10;
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 10);
            case 4 -> new Json.Raw(Math.abs(random.nextLong()) + "0".repeat(1 + random.nextInt(40)));
            default -> new Json.Raw(RAW_NUMBERS.get(random.nextInt(RAW_NUMBERS.size())));
        };
    }

    /** A deep copy of {@code valid} with one to three changes: a value replaced, a field removed or one added. */
    @SuppressWarnings("unchecked")
    static Object mutate(Map<String, Object> valid, SplittableRandom random) {
        Map<String, Object> root = (Map<String, Object>) copy(valid);
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            Map<String, Object> target = root;
            for (int steps = random.nextInt(3); steps > 0; steps--) {
                List<Map<String, Object>> children = new ArrayList<>();
                for (Object child : target.values()) {
                    if (child instanceof Map<?, ?> map) {
                        children.add((Map<String, Object>) map);
                    }
                }
                if (children.isEmpty()) {
                    break;
                }
                target = children.get(random.nextInt(children.size()));
            }
            List<String> keys = new ArrayList<>(target.keySet());
            int kind = random.nextInt(4);
            String key = keys.isEmpty() || kind == 3 ? fieldName(random) : keys.get(random.nextInt(keys.size()));
            if (kind == 2) {
                target.remove(key);
            } else {
                target.put(key, value(random, 2));
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }
}
