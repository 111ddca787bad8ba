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
package io.confirmline.console.user;

import io.confirmline.console.security.ClientAddress;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The page an invitation link opens: the invited person chooses their password (CSRF-protected like every form),
 * which spends the link; then they sign in.
 */
@Controller
public class InvitationController {

    private final UserService users;
    private final ClientAddress clientAddress;

    public InvitationController(UserService users, ClientAddress clientAddress) {
        this.users = users;
        this.clientAddress = clientAddress;
    }

    @GetMapping("/invitations/{token}")
    Mono<String> show(@PathVariable String token, Model model, ServerWebExchange exchange) {
        return users.invitation(token)
                .map(user -> {
                    model.addAttribute("user", user);
                    return "invitation";
                })
                .switchIfEmpty(Mono.fromSupplier(() -> invalid(exchange)));
    }

    @PostMapping("/invitations/{token}")
    Mono<String> accept(@PathVariable String token, Model model, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> users.invitation(token).flatMap(user -> {
                    UserInput.PasswordProblem problem =
                            UserInput.passwordProblem(form.getFirst("password"), form.getFirst("confirmation"));
                    if (problem != null) {
                        model.addAttribute("user", user);
                        model.addAttribute("problem", problem);
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return Mono.just("invitation");
                    }
                    return users.acceptInvitation(token, form.getFirst("password"), clientAddress.of(exchange))
                            .map(accepted -> "redirect:/login?activated");
                }))
                .switchIfEmpty(Mono.fromSupplier(() -> invalid(exchange)));
    }

    private static String invalid(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        return "invitation-invalid";
    }
}
