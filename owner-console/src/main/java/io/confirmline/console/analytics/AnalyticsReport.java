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

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The analytics of a range as a PDF: the tenant's name and the range in the title, the figures, then the by-day
 * table and the channels and text cost — the same numbers, words and number formats as the page.
 */
@Component
public class AnalyticsReport {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font HEAD_CELL = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
    private static final Font CELL = FontFactory.getFont(FontFactory.HELVETICA, 9);

    private final MessageSource messages;
    private final AnalyticsFormat format;
    private final AnalyticsCharts charts;

    public AnalyticsReport(MessageSource messages, AnalyticsFormat format, AnalyticsCharts charts) {
        this.messages = messages;
        this.format = format;
        this.charts = charts;
    }

    public byte[] pdf(Figures figures, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        String title = message(
                "analytics.report.title",
                locale,
                figures.tenant().name(),
                figures.range().from().toString(),
                figures.range().to().toString());
        document.addTitle(title);
        document.addCreator("ConfirmLine");
        document.open();
        document.add(new Paragraph(title, TITLE));
        document.add(new Paragraph(
                message("analytics.report.zone", locale, figures.tenant().zone().getId()), CELL));

        document.add(heading(message("analytics.figures", locale)));
        PdfPTable summary = table(2);
        for (List<String> row : summaryRows(figures, locale)) {
            summary.addCell(cell(row.get(0), CELL, Element.ALIGN_LEFT));
            summary.addCell(cell(row.get(1), CELL, Element.ALIGN_RIGHT));
        }
        document.add(summary);

        document.add(heading(message("analytics.byDay", locale)));
        PdfPTable days = table(9);
        for (String key : List.of(
                "analytics.col.day",
                "analytics.col.bookings",
                "analytics.col.outcomes",
                "analytics.col.confirmed",
                "analytics.col.cancelled",
                "analytics.col.noResponse",
                "analytics.col.unreachable",
                "analytics.col.failed",
                "analytics.col.confirmationRate")) {
            days.addCell(cell(message(key, locale), HEAD_CELL, Element.ALIGN_CENTER));
        }
        days.setHeaderRows(1);
        for (Outcomes day : figures.byDay()) {
            days.addCell(cell(day.label(), CELL, Element.ALIGN_LEFT));
            for (long value : List.of(
                    day.bookings(),
                    day.outcomes(),
                    day.confirmed(),
                    day.cancelled(),
                    day.noResponse(),
                    day.unreachable(),
                    day.failed())) {
                days.addCell(cell(format.count(value, locale), CELL, Element.ALIGN_RIGHT));
            }
            days.addCell(cell(format.percent(day.confirmationRate(), locale), CELL, Element.ALIGN_RIGHT));
        }
        document.add(days);

        document.add(heading(message("analytics.byChannel", locale)));
        PdfPTable channels = table(4);
        for (String key : List.of(
                "analytics.col.channel",
                "analytics.col.outcomes",
                "analytics.col.confirmed",
                "analytics.col.cancelled")) {
            channels.addCell(cell(message(key, locale), HEAD_CELL, Element.ALIGN_CENTER));
        }
        for (ChannelOutcomes channel : figures.byChannel()) {
            channels.addCell(cell(charts.channelName(channel.channel(), locale), CELL, Element.ALIGN_LEFT));
            channels.addCell(cell(format.count(channel.outcomes(), locale), CELL, Element.ALIGN_RIGHT));
            channels.addCell(cell(format.count(channel.confirmed(), locale), CELL, Element.ALIGN_RIGHT));
            channels.addCell(cell(format.count(channel.cancelled(), locale), CELL, Element.ALIGN_RIGHT));
        }
        document.add(channels);

        document.add(heading(message("analytics.textCost", locale)));
        if (figures.textCosts().isEmpty()) {
            document.add(new Paragraph(message("analytics.textCost.none", locale), CELL));
        } else {
            PdfPTable costs = table(3);
            for (String key : List.of("analytics.col.currency", "analytics.col.texts", "analytics.col.total")) {
                costs.addCell(cell(message(key, locale), HEAD_CELL, Element.ALIGN_CENTER));
            }
            for (TextCost cost : figures.textCosts()) {
                costs.addCell(cell(cost.currency(), CELL, Element.ALIGN_LEFT));
                costs.addCell(cell(format.count(cost.texts(), locale), CELL, Element.ALIGN_RIGHT));
                costs.addCell(cell(format.money(cost.total(), cost.currency(), locale), CELL, Element.ALIGN_RIGHT));
            }
            document.add(costs);
        }
        document.add(new Paragraph(message("analytics.definitions", locale), CELL));
        document.close();
        return out.toByteArray();
    }

    /** The figures, label and value, in the page's order. */
    List<List<String>> summaryRows(Figures figures, Locale locale) {
        Outcomes totals = figures.totals();
        return List.of(
                List.of(message("analytics.fig.bookings", locale), format.count(totals.bookings(), locale)),
                List.of(message("analytics.fig.outcomes", locale), format.count(totals.outcomes(), locale)),
                List.of(
                        message("analytics.fig.confirmationRate", locale),
                        format.percent(figures.confirmationRate(), locale)),
                List.of(
                        message("analytics.fig.cancelledInTime", locale),
                        format.count(figures.cancelledInTime(), locale)),
                List.of(message("analytics.fig.seatsFreed", locale), format.count(figures.seatsFreed(), locale)),
                List.of(
                        message("analytics.fig.noResponseRate", locale),
                        format.percent(figures.noResponseRate(), locale)),
                List.of(
                        message("analytics.fig.unreachableRate", locale),
                        format.percent(figures.unreachableRate(), locale)),
                List.of(
                        message("analytics.fig.attemptsPerConfirmation", locale),
                        format.decimal(figures.attemptsPerConfirmation(), locale)),
                List.of(
                        message("analytics.fig.medianAnswer", locale),
                        format.duration(figures.medianAnswerSeconds(), locale)),
                List.of(
                        message("analytics.fig.p90Answer", locale),
                        format.duration(figures.p90AnswerSeconds(), locale)));
    }

    private static PdfPTable table(int columns) {
        PdfPTable table = new PdfPTable(columns);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(8);
        return table;
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(3);
        return cell;
    }

    private static Paragraph heading(String text) {
        Paragraph heading = new Paragraph(text, HEADING);
        heading.setSpacingBefore(10);
        return heading;
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
