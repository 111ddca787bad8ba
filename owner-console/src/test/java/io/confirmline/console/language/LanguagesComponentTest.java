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
package io.confirmline.console.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.ConsoleContext;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The pages speak the browser's language when the console has it (English, Spanish), English otherwise. */
class LanguagesComponentTest extends ConsoleContext {

    @Test
    void theSignInPageIsInTheBrowsersLanguage() {
        assertThat(login("es-ES,es;q=0.9"))
                .contains("<html lang=\"es\"", "Inicie sesión en ConfirmLine", "Contraseña")
                .doesNotContain("Sign in to ConfirmLine", "??");
        assertThat(login("en-GB")).contains("<html lang=\"en\"", "Sign in to ConfirmLine", "Password");
        // French is not there: the next language the browser accepts that the console has.
        assertThat(login("fr-FR,fr;q=0.9,es;q=0.5")).contains("<html lang=\"es\"", "Inicie sesión");
        // Nothing the console has: English, and the page says so.
        assertThat(login("de-DE")).contains("<html lang=\"en\"", "Sign in to ConfirmLine");
    }

    @Test
    void aRefusedSignInSaysHowLongInTheReadersLanguage() {
        assertThat(page("/login?refused=1", "es")).contains("dentro de 1 minuto.");
        assertThat(page("/login?refused=15", "es")).contains("dentro de 15 minutos.");
        assertThat(page("/login?refused=1", "en")).contains("try again in 1 minute.");
        assertThat(page("/login?refused=x", "en")).contains("try again in a few minutes.");
    }

    private String login(String acceptLanguage) {
        return page("/login", acceptLanguage);
    }

    private String page(String path, String acceptLanguage) {
        return client.get()
                .uri(path)
                .header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
