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
package io.confirmline.console.tenant;

import io.confirmline.tenant.TenantSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's settings as JSON: the admin API's body and answer, and the {@code settings} column. One reader for
 * both, so what the API accepted is what the database gives back. Reading never stops at the first problem: every
 * field that cannot be read is named, and {@link TenantValidator} then checks the values that could.
 */
public final class TenantJson {

    /** Which fields a body may carry. */
    public enum Mode {
        /** {@code POST /api/admin/tenants}: everything, secrets included. */
        CREATE,
        /** {@code PUT /api/admin/tenants/{id}}: the non-secret settings only. */
        UPDATE,
        /** The {@code settings} column: written by this class, read without complaint. */
        STORED
    }

    /** The secrets a create request may carry. */
    static final Set<String> SECRET_FIELDS = Set.of("apiKey", "webhookTokens", "platformApiKeys", "signingSecrets");
    /** What an answer carries that a request does not set. */
    static final Set<String> READ_ONLY_FIELDS = Set.of("revision", "secrets", "createdAt", "updatedAt", "generated");

    private static final TenantSettings DEFAULTS = defaults();

    /** What a body came to: the settings (defaults where a field was absent or unreadable), secrets, problems. */
    public record Parsed(TenantSettings settings, ClearSecrets secrets, Problems problems) {}

    private TenantJson() {}

    /** Reads a body or a stored column; {@code id} and {@code enabled} given when they come from elsewhere. */
    public static Parsed read(JsonNode root, Mode mode, String id, boolean enabled) {
        Reader in = new Reader(root, mode);
        String bodyId = in.string("id");
        if (mode == Mode.CREATE) {
            if (bodyId == null && !in.problems.has("id")) {
                in.problems.add("id", "is required");
            }
            id = bodyId;
        } else if (mode == Mode.UPDATE && bodyId != null && !bodyId.equals(id)) {
            in.problems.add("id", "is the tenant's id and cannot change (the URL names " + id + ")");
        }
        if (mode == Mode.CREATE) {
            enabled = in.bool("enabled", true);
        } else if (mode == Mode.UPDATE && in.present("enabled")) {
            in.consume("enabled");
            in.problems.add("enabled", "is changed by POST /api/admin/tenants/{id}/enable or /disable");
        }
        TenantSettings settings = new TenantSettings(
                id,
                in.string("displayName"),
                enabled,
                in.string("accountId"),
                in.string("subaccountId"),
                null,
                in.string("callerId"),
                in.strings("virtualNumbers"),
                in.string("smsSubaccountId"),
                in.strings("smsNumbers"),
                null,
                List.of(),
                null,
                List.of(),
                in.string("callbackUrl"),
                List.of(),
                in.string("timeZone", DEFAULTS.timeZone()),
                in.duration("leadTime", DEFAULTS.leadTime()),
                in.duration("minimumNotice", DEFAULTS.minimumNotice()),
                in.time("callingOpens", DEFAULTS.callingOpens()),
                in.time("callingCloses", DEFAULTS.callingCloses()),
                in.integer("maxAttempts", DEFAULTS.maxAttempts()),
                in.duration("retryDelay", DEFAULTS.retryDelay()),
                in.integer("maxReprompts", DEFAULTS.maxReprompts()),
                in.number("callsPerSecond", DEFAULTS.callsPerSecond()),
                in.integer("maxConcurrentCalls", DEFAULTS.maxConcurrentCalls()),
                in.string("confirmDigit", DEFAULTS.confirmDigit()),
                in.string("cancelDigit", DEFAULTS.cancelDigit()),
                in.string("transferDigit", DEFAULTS.transferDigit()),
                in.stringMap("voices"),
                in.prompts("prompts"),
                in.string("venuePhone"),
                in.openingHours("openingHours"),
                in.bool("assistantEnabled", false),
                in.string("assistantFaq"),
                in.string("venueAddress"),
                in.duration("humanWindow", DEFAULTS.humanWindow()),
                in.string("availabilityUrl"),
                in.string("textFallback", DEFAULTS.textFallback()),
                in.string("smsHelpText"));
        ClearSecrets secrets = ClearSecrets.none();
        if (mode == Mode.CREATE) {
            secrets = new ClearSecrets(
                    in.string("apiKey"),
                    in.strings("webhookTokens"),
                    in.strings("platformApiKeys"),
                    in.strings("signingSecrets"));
        }
        in.rejectRest();
        return new Parsed(settings, secrets, in.problems);
    }

    /** The non-secret settings as the API answers them and the {@code settings} column keeps them (no id). */
    public static Map<String, Object> write(TenantSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("displayName", s.displayName());
        out.put("accountId", s.accountId());
        out.put("subaccountId", s.subaccountId());
        out.put("callerId", s.callerId());
        out.put("virtualNumbers", s.virtualNumbers());
        out.put("smsSubaccountId", s.smsSubaccountId());
        out.put("smsNumbers", s.smsNumbers());
        out.put("callbackUrl", s.callbackUrl());
        out.put("timeZone", s.timeZone());
        out.put("leadTime", s.leadTime().toString());
        out.put("minimumNotice", s.minimumNotice().toString());
        out.put("callingOpens", s.callingOpens().toString());
        out.put("callingCloses", s.callingCloses().toString());
        out.put("maxAttempts", s.maxAttempts());
        out.put("retryDelay", s.retryDelay().toString());
        out.put("maxReprompts", s.maxReprompts());
        out.put("callsPerSecond", s.callsPerSecond());
        out.put("maxConcurrentCalls", s.maxConcurrentCalls());
        out.put("confirmDigit", s.confirmDigit());
        out.put("cancelDigit", s.cancelDigit());
        out.put("transferDigit", s.transferDigit());
        out.put("voices", s.voices());
        out.put("prompts", s.prompts());
        out.put("venuePhone", s.venuePhone());
        out.put(
                "openingHours",
                s.openingHours().stream()
                        .map(h -> {
                            Map<String, Object> period = new LinkedHashMap<>();
                            period.put("day", h.day());
                            period.put(
                                    "opens",
                                    h.opens() == null ? null : h.opens().toString());
                            period.put(
                                    "closes",
                                    h.closes() == null ? null : h.closes().toString());
                            return period;
                        })
                        .toList());
        out.put("assistantEnabled", s.assistantEnabled());
        out.put("assistantFaq", s.assistantFaq());
        out.put("venueAddress", s.venueAddress());
        out.put("humanWindow", s.humanWindow() == null ? null : s.humanWindow().toString());
        out.put("availabilityUrl", s.availabilityUrl());
        out.put("textFallback", s.textFallback());
        out.put("smsHelpText", s.smsHelpText());
        return out;
    }

    /** {@code settings} with its secret fields emptied: what is kept in the {@code settings} column. */
    public static TenantSettings withoutSecrets(TenantSettings s) {
        return new TenantSettings(
                s.id(),
                s.displayName(),
                s.enabled(),
                s.accountId(),
                s.subaccountId(),
                null,
                s.callerId(),
                s.virtualNumbers(),
                s.smsSubaccountId(),
                s.smsNumbers(),
                null,
                List.of(),
                null,
                List.of(),
                s.callbackUrl(),
                List.of(),
                s.timeZone(),
                s.leadTime(),
                s.minimumNotice(),
                s.callingOpens(),
                s.callingCloses(),
                s.maxAttempts(),
                s.retryDelay(),
                s.maxReprompts(),
                s.callsPerSecond(),
                s.maxConcurrentCalls(),
                s.confirmDigit(),
                s.cancelDigit(),
                s.transferDigit(),
                s.voices(),
                s.prompts(),
                s.venuePhone(),
                s.openingHours(),
                s.assistantEnabled(),
                s.assistantFaq(),
                s.venueAddress(),
                s.humanWindow(),
                s.availabilityUrl(),
                s.textFallback(),
                s.smsHelpText());
    }

    /** {@code settings} switched on or off. */
    public static TenantSettings withEnabled(TenantSettings s, boolean enabled) {
        return new TenantSettings(
                s.id(),
                s.displayName(),
                enabled,
                s.accountId(),
                s.subaccountId(),
                s.apiKey(),
                s.callerId(),
                s.virtualNumbers(),
                s.smsSubaccountId(),
                s.smsNumbers(),
                s.authToken(),
                s.authTokens(),
                s.platformApiKey(),
                s.platformApiKeys(),
                s.callbackUrl(),
                s.signingSecrets(),
                s.timeZone(),
                s.leadTime(),
                s.minimumNotice(),
                s.callingOpens(),
                s.callingCloses(),
                s.maxAttempts(),
                s.retryDelay(),
                s.maxReprompts(),
                s.callsPerSecond(),
                s.maxConcurrentCalls(),
                s.confirmDigit(),
                s.cancelDigit(),
                s.transferDigit(),
                s.voices(),
                s.prompts(),
                s.venuePhone(),
                s.openingHours(),
                s.assistantEnabled(),
                s.assistantFaq(),
                s.venueAddress(),
                s.humanWindow(),
                s.availabilityUrl(),
                s.textFallback(),
                s.smsHelpText());
    }

    private static TenantSettings defaults() {
        return new TenantSettings(
                null,
                null,
                true,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                List.of(),
                null,
                List.of(),
                null,
                List.of(),
                null,
                List.of(),
                "UTC",
                Duration.ofMinutes(30),
                Duration.ofMinutes(10),
                LocalTime.of(9, 0),
                LocalTime.of(21, 0),
                3,
                Duration.ofMinutes(10),
                2,
                0,
                0,
                "1",
                "0",
                "9",
                Map.of(),
                Map.of(),
                null,
                List.of(),
                false,
                null,
                null,
                Duration.ofSeconds(60),
                null,
                "BOTH",
                null);
    }

    /** Reads the fields of one object, noting every one it could not read and every one it did not expect. */
    private static final class Reader {
        private final JsonNode root;
        private final Mode mode;
        private final Problems problems = new Problems();
        private final Set<String> consumed = new HashSet<>();

        Reader(JsonNode root, Mode mode) {
            this.root = root;
            this.mode = mode;
        }

        boolean present(String name) {
            JsonNode value = root.get(name);
            return value != null && !value.isNull();
        }

        void consume(String name) {
            consumed.add(name);
        }

        private JsonNode take(String name) {
            consumed.add(name);
            JsonNode value = root.get(name);
            return value == null || value.isNull() ? null : value;
        }

        String string(String name) {
            return string(name, null);
        }

        String string(String name, String absent) {
            JsonNode value = take(name);
            if (value == null) {
                return absent;
            }
            if (!value.isString()) {
                problems.add(name, "must be a string");
                return absent;
            }
            return value.asString();
        }

        boolean bool(String name, boolean absent) {
            JsonNode value = take(name);
            if (value == null) {
                return absent;
            }
            if (!value.isBoolean()) {
                problems.add(name, "must be true or false");
                return absent;
            }
            return value.booleanValue();
        }

        int integer(String name, int absent) {
            JsonNode value = take(name);
            if (value == null) {
                return absent;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                problems.add(name, "must be a whole number");
                return absent;
            }
            return value.intValue();
        }

        double number(String name, double absent) {
            JsonNode value = take(name);
            if (value == null) {
                return absent;
            }
            if (!value.isNumber()) {
                problems.add(name, "must be a number");
                return absent;
            }
            return value.doubleValue();
        }

        Duration duration(String name, Duration absent) {
            String text = string(name, null);
            if (text == null) {
                return absent;
            }
            try {
                return DurationStyle.detectAndParse(text.trim());
            } catch (IllegalArgumentException e) {
                problems.add(name, "is not a duration (e.g. 30m, 2h or PT30M)");
                return absent;
            }
        }

        LocalTime time(String name, LocalTime absent) {
            String text = string(name, null);
            if (text == null) {
                return absent;
            }
            LocalTime parsed = parseTime(text);
            if (parsed == null) {
                problems.add(name, "is not a local time HH:mm");
                return absent;
            }
            return parsed;
        }

        List<String> strings(String name) {
            JsonNode value = take(name);
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                problems.add(name, "must be an array of strings");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isString()) {
                    out.add(item.asString());
                } else {
                    problems.add(name + "[" + i + "]", "must be a string");
                }
            }
            return out;
        }

        Map<String, String> stringMap(String name) {
            JsonNode value = take(name);
            if (value == null) {
                return Map.of();
            }
            if (!value.isObject()) {
                problems.add(name, "must be an object of strings");
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (entry.getValue().isString()) {
                    out.put(entry.getKey(), entry.getValue().asString());
                } else {
                    problems.add(name + "." + entry.getKey(), "must be a string");
                }
            }
            return out;
        }

        Map<String, Map<String, String>> prompts(String name) {
            JsonNode value = take(name);
            if (value == null) {
                return Map.of();
            }
            if (!value.isObject()) {
                problems.add(name, "must be an object: language → template → text");
                return Map.of();
            }
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> language : value.properties()) {
                String field = name + "." + language.getKey();
                if (!language.getValue().isObject()) {
                    problems.add(field, "must be an object: template → text");
                    continue;
                }
                Map<String, String> texts = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> text : language.getValue().properties()) {
                    if (text.getValue().isString()) {
                        texts.put(text.getKey(), text.getValue().asString());
                    } else {
                        problems.add(field + "." + text.getKey(), "must be a string");
                    }
                }
                out.put(language.getKey(), texts);
            }
            return out;
        }

        List<TenantSettings.OpeningHours> openingHours(String name) {
            JsonNode value = take(name);
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                problems.add(name, "must be an array of {day, opens, closes}");
                return List.of();
            }
            List<TenantSettings.OpeningHours> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                String field = name + "[" + i + "]";
                JsonNode period = value.get(i);
                if (!period.isObject()) {
                    problems.add(field, "must be an object {day, opens, closes}");
                    continue;
                }
                String day = text(period, field + ".day");
                LocalTime opens = periodTime(period, "opens", field);
                LocalTime closes = periodTime(period, "closes", field);
                for (String key : period.propertyNames()) {
                    if (!Set.of("day", "opens", "closes").contains(key) && mode != Mode.STORED) {
                        problems.add(field + "." + key, "is not a known field");
                    }
                }
                out.add(new TenantSettings.OpeningHours(day, opens, closes));
            }
            return out;
        }

        private String text(JsonNode parent, String field) {
            JsonNode value = parent.get(field.substring(field.lastIndexOf('.') + 1));
            if (value == null || value.isNull()) {
                problems.add(field, "is required");
                return null;
            }
            if (!value.isString()) {
                problems.add(field, "must be a string");
                return null;
            }
            return value.asString();
        }

        private LocalTime periodTime(JsonNode period, String key, String field) {
            String text = text(period, field + "." + key);
            if (text == null) {
                return null;
            }
            LocalTime parsed = parseTime(text);
            if (parsed == null) {
                problems.add(field + "." + key, "is not a local time HH:mm");
            }
            return parsed;
        }

        /** Every field not read: unknown, or not allowed in this request. */
        void rejectRest() {
            if (mode == Mode.STORED) {
                return;
            }
            for (String name : root.propertyNames()) {
                if (consumed.contains(name)) {
                    continue;
                }
                if (SECRET_FIELDS.contains(name)) {
                    problems.add(
                            name, "is a secret: change it with POST or DELETE /api/admin/tenants/{id}/secrets/{kind}");
                } else if (READ_ONLY_FIELDS.contains(name)) {
                    problems.add(name, "is read-only");
                } else {
                    problems.add(name, "is not a known field");
                }
            }
        }
    }

    private static LocalTime parseTime(String text) {
        if (!text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
