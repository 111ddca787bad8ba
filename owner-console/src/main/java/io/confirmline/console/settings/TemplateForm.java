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

import io.confirmline.tenant.PromptTemplates;
import io.confirmline.tenant.TenantSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * The templates of one language as the owner edits them: for each template of {@link PromptTemplates}, the shipped
 * text and the tenant's own (empty: the shipped one is used). Saving an empty text, or the shipped text itself,
 * keeps no template of the tenant's; "reset" empties one.
 */
public record TemplateForm(String language, List<Row> rows) {

    /** Which part of the guest's experience a template is. */
    public enum Kind {
        SENTENCE,
        WORD,
        TEXT
    }

    /**
     * One template.
     *
     * @param name its name in the registry ({@code reservation-prompt})
     * @param shipped what is said or sent when the tenant has none
     * @param own the tenant's template; empty when it has none
     * @param placeholders what it may use, {@code {name}} style, empty for a word
     */
    public record Row(String name, Kind kind, String shipped, String own, List<String> placeholders) {

        /** The id of its text area ({@code template-reservation-prompt}). */
        public String id() {
            return "template-" + name;
        }
    }

    /** The languages the console ships words for (the orchestrator and its texts say these). */
    static final List<String> SHIPPED_LANGUAGES = List.of("en", "es", "fr", "de");

    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

    /** The languages an owner can edit: the shipped ones and every one the tenant wrote templates for. */
    static List<String> languages(TenantSettings s) {
        Set<String> all = new TreeSet<>(s.prompts().keySet());
        List<String> out = new ArrayList<>(SHIPPED_LANGUAGES);
        all.stream().filter(tag -> !out.contains(tag)).forEach(out::add);
        return out;
    }

    /** Whether {@code tag} may name a language page (a BCP 47 tag as the registry keeps them). */
    static boolean isLanguage(String tag) {
        return tag != null
                && TAG.matcher(tag).matches()
                && Locale.forLanguageTag(tag).toLanguageTag().equals(tag);
    }

    static TemplateForm of(TenantSettings s, String language) {
        return of(language, s.prompts().getOrDefault(language, Map.of()));
    }

    /** The form with {@code own} as the tenant's templates of the language. */
    static TemplateForm of(String language, Map<String, String> own) {
        List<Row> rows = new ArrayList<>();
        for (String name : PromptTemplates.SENTENCES) {
            rows.add(row(language, name, Kind.SENTENCE, own, PromptTemplates.PLACEHOLDERS));
        }
        for (String name : PromptTemplates.WORDS) {
            rows.add(row(language, name, Kind.WORD, own, List.of()));
        }
        for (String name : PromptTemplates.TEXTS) {
            rows.add(row(language, name, Kind.TEXT, own, PromptTemplates.TEXT_PLACEHOLDERS));
        }
        return new TemplateForm(language, List.copyOf(rows));
    }

    /**
     * The tenant's templates of the language after a post: each posted text that is neither empty nor the shipped
     * one, the one named by {@code reset} left out.
     */
    static Map<String, String> posted(String language, MultiValueMap<String, String> form) {
        String reset = form.getFirst("reset");
        Map<String, String> own = new LinkedHashMap<>();
        for (String name : all()) {
            String text = form.getFirst("template." + name);
            if (text == null || name.equals(reset)) {
                continue;
            }
            // Browsers send a text area's line breaks as CRLF; a spoken or texted template has none to keep.
            String cleaned = text.replace("\r\n", "\n").strip();
            if (!cleaned.isEmpty() && !cleaned.equals(ShippedTemplates.of(language, name))) {
                own.put(name, cleaned);
            }
        }
        return own;
    }

    /** Writes {@code own} as the language's templates into {@code json} (the registry's shape). */
    static Map<String, Object> applyTo(Map<String, Object> json, String language, Map<String, String> own) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> prompts =
                new LinkedHashMap<>((Map<String, Map<String, String>>) json.getOrDefault("prompts", Map.of()));
        if (own.isEmpty()) {
            prompts.remove(language);
        } else {
            prompts.put(language, own);
        }
        json.put("prompts", prompts);
        return json;
    }

    private static Row row(
            String language, String name, Kind kind, Map<String, String> own, List<String> placeholders) {
        return new Row(
                name,
                kind,
                ShippedTemplates.of(language, name),
                own.getOrDefault(name, ""),
                placeholders.stream().map(p -> "{" + p + "}").toList());
    }

    private static List<String> all() {
        List<String> all = new ArrayList<>(PromptTemplates.SENTENCES);
        all.addAll(PromptTemplates.WORDS);
        all.addAll(PromptTemplates.TEXTS);
        return all;
    }
}
