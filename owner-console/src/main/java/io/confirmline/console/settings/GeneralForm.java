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
package io.confirmline.console.settings;

import io.confirmline.tenant.TenantSettings;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * The settings page's form as the owner sees and sends it: every value as text, so what they typed is shown back
 * next to its problem. Opening hours are periods per weekday ({@code hours.MONDAY.0.opens}); a period left with both
 * times empty is no period, so clearing a period's times removes it, and every day offers one empty period to add.
 * The owner's window is whole seconds here (what an owner thinks in); the registry gets it as a duration.
 */
public record GeneralForm(
        String callingOpens,
        String callingCloses,
        String leadTime,
        String minimumNotice,
        String venuePhone,
        boolean assistantEnabled,
        String assistantFaq,
        String humanWindow,
        String venueAddress,
        String availabilityUrl,
        List<Day> hours) {

    /** One weekday's periods. */
    public record Day(String day, List<Period> periods) {}

    /** One period of a day; {@code slot} numbers it within the day for the input names. */
    public record Period(int slot, String opens, String closes) {

        /** The id prefix of its inputs ({@code hours-MONDAY-0}). */
        public String id(String day) {
            return "hours-" + day + "-" + slot;
        }
    }

    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");
    private static final Pattern HOURS = Pattern.compile("hours\\.([A-Z]+)\\.(\\d{1,2})\\.(opens|closes)");

    /** The form filled from the stored settings. */
    static GeneralForm of(TenantSettings s) {
        Map<String, List<Period>> byDay = emptyWeek();
        for (TenantSettings.OpeningHours h : s.openingHours()) {
            List<Period> periods = byDay.get(h.day() == null ? "" : h.day().toUpperCase(java.util.Locale.ROOT));
            if (periods != null) {
                periods.add(new Period(periods.size(), time(h.opens()), time(h.closes())));
            }
        }
        return new GeneralForm(
                time(s.callingOpens()),
                time(s.callingCloses()),
                DurationText.of(s.leadTime()),
                DurationText.of(s.minimumNotice()),
                nullToEmpty(s.venuePhone()),
                s.assistantEnabled(),
                nullToEmpty(s.assistantFaq()),
                seconds(s.humanWindow()),
                nullToEmpty(s.venueAddress()),
                nullToEmpty(s.availabilityUrl()),
                withBlankPeriod(byDay));
    }

    /** The form as posted (fields absent from the post are empty). */
    static GeneralForm of(MultiValueMap<String, String> form) {
        Map<String, TreeMap<Integer, String[]>> posted = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            Matcher m = HOURS.matcher(name);
            if (m.matches() && isDay(m.group(1))) {
                String[] times = posted.computeIfAbsent(m.group(1), d -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(2)), slot -> new String[] {"", ""});
                times[m.group(3).equals("opens") ? 0 : 1] = values.isEmpty() || values.get(0) == null
                        ? ""
                        : values.get(0).trim();
            }
        });
        Map<String, List<Period>> byDay = emptyWeek();
        posted.forEach((day, slots) -> slots.values().forEach(times -> {
            if (!times[0].isEmpty() || !times[1].isEmpty()) {
                List<Period> periods = byDay.get(day);
                periods.add(new Period(periods.size(), times[0], times[1]));
            }
        }));
        return new GeneralForm(
                field(form, "callingOpens"),
                field(form, "callingCloses"),
                field(form, "leadTime"),
                field(form, "minimumNotice"),
                field(form, "venuePhone"),
                form.containsKey("assistantEnabled"),
                field(form, "assistantFaq"),
                field(form, "humanWindow"),
                field(form, "venueAddress"),
                field(form, "availabilityUrl"),
                withBlankPeriod(byDay));
    }

    /**
     * For each {@code openingHours[i]} that {@link #applyTo} writes, the id prefix of its inputs, so the registry's
     * problems land next to them.
     */
    List<String> periodIds() {
        List<String> ids = new ArrayList<>();
        for (Day day : hours) {
            for (Period period : day.periods()) {
                if (!period.opens().isEmpty() || !period.closes().isEmpty()) {
                    ids.add(period.id(day.day()));
                }
            }
        }
        return ids;
    }

    /** Writes this form's settings into {@code json} (the registry's shape, {@code TenantJson.write}). */
    Map<String, Object> applyTo(Map<String, Object> json) {
        json.put("callingOpens", callingOpens);
        json.put("callingCloses", callingCloses);
        json.put("leadTime", leadTime);
        json.put("minimumNotice", minimumNotice);
        json.put("venuePhone", venuePhone.isBlank() ? null : venuePhone.trim());
        json.put("assistantEnabled", assistantEnabled);
        json.put("assistantFaq", assistantFaq.isBlank() ? null : assistantFaq);
        // Bare digits are seconds; anything else goes as typed, so the registry names what is wrong with it.
        json.put(
                "humanWindow",
                humanWindow.isBlank()
                        ? null
                        : SECONDS.matcher(humanWindow).matches() ? humanWindow + "s" : humanWindow);
        json.put("venueAddress", venueAddress.isBlank() ? null : venueAddress);
        json.put("availabilityUrl", availabilityUrl.isBlank() ? null : availabilityUrl);
        List<Map<String, Object>> periods = new ArrayList<>();
        for (Day day : hours) {
            for (Period period : day.periods()) {
                if (period.opens().isEmpty() && period.closes().isEmpty()) {
                    continue;
                }
                Map<String, Object> written = new LinkedHashMap<>();
                written.put("day", day.day());
                written.put("opens", period.opens().isEmpty() ? null : period.opens());
                written.put("closes", period.closes().isEmpty() ? null : period.closes());
                periods.add(written);
            }
        }
        json.put("openingHours", periods);
        return json;
    }

    private static Map<String, List<Period>> emptyWeek() {
        Map<String, List<Period>> week = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day.name(), new ArrayList<>());
        }
        return week;
    }

    private static List<Day> withBlankPeriod(Map<String, List<Period>> byDay) {
        List<Day> days = new ArrayList<>();
        byDay.forEach((day, periods) -> {
            List<Period> all = new ArrayList<>(periods);
            all.add(new Period(all.size(), "", ""));
            days.add(new Day(day, List.copyOf(all)));
        });
        return List.copyOf(days);
    }

    private static boolean isDay(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String field(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.trim();
    }

    private static String seconds(Duration window) {
        return window == null ? "" : Long.toString(window.toSeconds());
    }

    private static String time(LocalTime time) {
        return time == null ? "" : time.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
