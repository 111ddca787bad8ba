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
package io.confirmline.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.tenant.PromptTemplates;
import org.junit.jupiter.api.Test;

class TextCatalogTest {

    @Test
    void everyShippedLanguageHasEveryTextAndTheGrammarAcceptsEach() {
        assertThat(TextCatalog.languages()).containsExactlyInAnyOrder("en", "es", "fr", "de");
        for (String language : TextCatalog.languages()) {
            assertThat(TextCatalog.shipped(language).keySet()).containsExactlyElementsOf(PromptTemplates.TEXTS);
            TextCatalog.shipped(language)
                    .forEach((name, text) -> assertThat(PromptTemplates.problem(name, text))
                            .as(language + " " + name)
                            .isEmpty());
        }
    }

    @Test
    void aTagReadsItsLanguageAndAnUnshippedOneReadsEnglish() {
        assertThat(TextCatalog.shipped("es-MX").get("sms-confirmed")).startsWith("{venue}: gracias");
        assertThat(TextCatalog.shipped("pt-BR")).isEqualTo(TextCatalog.shipped("en"));
        assertThat(TextCatalog.shipped(null).get("sms-missed-call")).startsWith("Sorry we missed you");
    }
}
