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
package io.confirmline.console.home;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a signed-in user's pages show of their own tenant: its name, whether it is on, and its non-secret settings,
 * read from the registry's {@code tenant} table (whose {@code settings} hold no secrets; any setting whose name
 * sounds like one is left out all the same). Each setting is named by its registry key; the page words it from
 * messages ({@code setting.<key>}).
 */
@Repository
public class OwnTenant {

    /** One line of the settings list: the registry's name of the setting ({@code timeZone}) and its value. */
    public record Setting(String key, String value) {}

    public record View(String id, String displayName, boolean enabled, List<Setting> settings) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SECRET_SOUNDING =
            Pattern.compile("secret|token|password|apikey|api-key|api_key|credential");
    /** The known settings in the order the page lists them; others follow. */
    private static final List<String> ORDER = List.of(
            "displayName",
            "timeZone",
            "callerId",
            "virtualNumbers",
            "venuePhone",
            "callingOpens",
            "callingCloses",
            "leadTime",
            "minimumNotice",
            "maxAttempts",
            "retryDelay",
            "maxReprompts",
            "confirmDigit",
            "cancelDigit",
            "transferDigit",
            "voices",
            "openingHours",
            "callbackUrl",
            "accountId",
            "subaccountId",
            "smsSubaccountId",
            "smsNumbers",
            "callsPerSecond",
            "maxConcurrentCalls",
            "assistantEnabled",
            "humanWindow",
            "assistantFaq",
            "venueAddress",
            "availabilityUrl",
            "prompts");

    private final DatabaseClient db;

    public OwnTenant(DatabaseClient db) {
        this.db = db;
    }

    public Mono<View> find(String tenantId) {
        return db.sql("SELECT id, display_name, enabled, settings::text AS settings FROM tenant WHERE id = $1")
                .bind(0, tenantId)
                .map(row -> new View(
                        row.get("id", String.class),
                        row.get("display_name", String.class),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                        settings(row.get("settings", String.class))))
                .one();
    }

    static List<Setting> settings(String json) {
        List<Setting> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        JsonNode root = JSON.readTree(json);
        if (!root.isObject()) {
            return out;
        }
        ORDER.forEach(key -> {
            JsonNode value = root.get(key);
            if (value != null && !value.isNull()) {
                out.add(new Setting(key, text(value)));
            }
        });
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!ORDER.contains(entry.getKey()) && !entry.getValue().isNull() && !secretSounding(entry.getKey())) {
                out.add(new Setting(entry.getKey(), text(entry.getValue())));
            }
        }
        return out;
    }

    private static boolean secretSounding(String name) {
        return SECRET_SOUNDING.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /** Scalars as they are; a list one item per line; an object one {@code name: value} per line. */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.values().forEach(item -> items.add(text(item)));
            return items.isEmpty() ? "–" : String.join("\n", items);
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!secretSounding(entry.getKey())) {
                    items.add(entry.getKey() + ": "
                            + (entry.getValue().isContainer()
                                    ? entry.getValue().toString()
                                    : entry.getValue().asString("")));
                }
            }
            return items.isEmpty() ? "–" : String.join("\n", items);
        }
        return value.asString("");
    }
}
