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

import io.confirmline.console.security.ConsolePrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The signed-in user's home page (who they are); {@code /tenants/<own id>} leads to their settings
 * ({@code SettingsController}). A page of any other tenant is a 403 page; nothing of that tenant is looked up.
 */
@Controller
public class HomeController {

    @GetMapping({"/tenants/{tenantId}", "/tenants/{tenantId}/**"})
    Mono<String> tenant(@PathVariable String tenantId, Model model, ServerWebExchange exchange) {
        return signedIn(model).map(principal -> {
            if (principal.tenantId().map(tenantId::equals).orElse(false)) {
                return "redirect:/settings";
            }
            exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
            return "forbidden";
        });
    }

    private static Mono<ConsolePrincipal> signedIn(Model model) {
        return ConsolePrincipal.current().doOnNext(principal -> model.addAttribute("principal", principal));
    }
}
