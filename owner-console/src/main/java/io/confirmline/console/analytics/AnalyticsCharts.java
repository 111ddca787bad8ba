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
package io.confirmline.console.analytics;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The analytics page's three charts, titled and labelled in the reader's language. */
@Component
public class AnalyticsCharts {

    /** The SVG markup of each chart. */
    public record Charts(String byDay, String byHour, String byChannel) {}

    private final MessageSource messages;
    private final AnalyticsFormat format;

    public AnalyticsCharts(MessageSource messages, AnalyticsFormat format) {
        this.messages = messages;
        this.format = format;
    }

    public Charts draw(Figures figures, Locale locale) {
        List<BarChart.Bar> days = figures.byDay().stream()
                // Under the axis "11-24" (a phone has room for little more); the bar's title has the whole date.
                .map(day -> new BarChart.Bar(
                        day.label(),
                        day.label().substring(5),
                        day.confirmationRate() == null ? 0 : day.confirmationRate(),
                        format.percent(day.confirmationRate(), locale)))
                .toList();
        List<BarChart.Bar> hours = figures.byHour().stream()
                .map(hour -> new BarChart.Bar(hour.label(), hour.bookings(), format.count(hour.bookings(), locale)))
                .toList();
        List<BarChart.Bar> channels = figures.byChannel().stream()
                .map(channel -> new BarChart.Bar(
                        channelName(channel.channel(), locale),
                        channel.outcomes(),
                        format.count(channel.outcomes(), locale)))
                .toList();
        return new Charts(
                BarChart.svg(message("analytics.chart.byDay", locale), days, 1.0),
                BarChart.svg(message("analytics.chart.byHour", locale), hours, 0),
                BarChart.svg(message("analytics.chart.byChannel", locale), channels, 0));
    }

    /** A channel as the owner calls it (call, text, call-back, console); an unknown one by its name. */
    public String channelName(String channel, Locale locale) {
        return messages.getMessage("analytics.channel." + channel, null, channel, locale);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
