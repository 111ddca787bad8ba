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
 * sounds like one is left out all the same).
 */
@Repository
public class OwnTenant {

    /** One line of the settings list. */
    public record Setting(String name, String value) {
    }

    public record View(String id, String displayName, boolean enabled, List<Setting> settings) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SECRET_SOUNDING = Pattern.compile("secret|token|password|apikey|api-key|api_key|credential");
    /** The friendly name of each known setting, in the order the page lists them; others follow under their own name. */
    private static final Map<String, String> LABELS = labels();

    private final DatabaseClient db;

    public OwnTenant(DatabaseClient db) {
        this.db = db;
    }

    public Mono<View> find(String tenantId) {
        return db.sql("SELECT id, display_name, enabled, settings::text AS settings FROM tenant WHERE id = $1")
                .bind(0, tenantId)
                .map(row -> new View(row.get("id", String.class), row.get("display_name", String.class),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class)), settings(row.get("settings", String.class))))
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
        LABELS.forEach((key, label) -> {
            JsonNode value = root.get(key);
            if (value != null && !value.isNull()) {
                out.add(new Setting(label, text(value)));
            }
        });
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!LABELS.containsKey(entry.getKey()) && !entry.getValue().isNull() && !secretSounding(entry.getKey())) {
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
            return items.isEmpty() ? "(none)" : String.join("\n", items);
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!secretSounding(entry.getKey())) {
                    items.add(entry.getKey() + ": " + (entry.getValue().isContainer() ? entry.getValue().toString() : entry.getValue().asString("")));
                }
            }
            return items.isEmpty() ? "(none)" : String.join("\n", items);
        }
        return value.asString("");
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("displayName", "Name");
        labels.put("timeZone", "Time zone");
        labels.put("callerId", "Caller id");
        labels.put("virtualNumbers", "Virtual numbers");
        labels.put("venuePhone", "Venue phone");
        labels.put("callingOpens", "Calls from");
        labels.put("callingCloses", "Calls until");
        labels.put("leadTime", "Call before the booking");
        labels.put("minimumNotice", "Minimum notice");
        labels.put("maxAttempts", "Attempts per booking");
        labels.put("retryDelay", "Between attempts");
        labels.put("maxReprompts", "Prompt repeats");
        labels.put("confirmDigit", "Key to confirm");
        labels.put("cancelDigit", "Key to cancel");
        labels.put("transferDigit", "Key to reach the venue");
        labels.put("voices", "Voices");
        labels.put("openingHours", "Opening hours");
        labels.put("callbackUrl", "Platform callback URL");
        labels.put("accountId", "8x8 account");
        labels.put("subaccountId", "8x8 voice subaccount");
        labels.put("smsSubaccountId", "8x8 SMS subaccount");
        labels.put("smsNumbers", "SMS numbers");
        labels.put("callsPerSecond", "Calls per second");
        labels.put("maxConcurrentCalls", "Calls at once");
        labels.put("assistantEnabled", "Assistant");
        labels.put("assistantFaq", "Assistant FAQ");
        labels.put("prompts", "Prompts");
        return labels;
    }
}
