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
            TextCatalog.shipped(language).forEach((name, text) ->
                    assertThat(PromptTemplates.problem(name, text)).as(language + " " + name).isEmpty());
        }
    }

    @Test
    void aTagReadsItsLanguageAndAnUnshippedOneReadsEnglish() {
        assertThat(TextCatalog.shipped("es-MX").get("sms-confirmed")).startsWith("{venue}: gracias");
        assertThat(TextCatalog.shipped("pt-BR")).isEqualTo(TextCatalog.shipped("en"));
        assertThat(TextCatalog.shipped(null).get("sms-missed-call")).startsWith("Sorry we missed you");
    }
}
