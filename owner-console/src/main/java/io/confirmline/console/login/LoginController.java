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
package io.confirmline.console.login;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page; the form posts to {@code /login}, which Spring Security handles. The query says why the
 * page is shown again ({@code ?error}, {@code ?refused=<minutes>}, {@code ?expired}, {@code ?logout},
 * {@code ?activated}); a flag may come without a value, so presence is what counts.
 */
@Controller
public class LoginController {

    @GetMapping("/login")
    String login(ServerHttpRequest request, Model model) {
        MultiValueMap<String, String> query = request.getQueryParams();
        if (query.containsKey("refused")) {
            Integer minutes = minutes(query.getFirst("refused"));
            show(model, "error", minutes == null ? "login.refusedSoon" : "login.refused", minutes);
        } else if (query.containsKey("error")) {
            show(model, "error", "login.wrong", null);
        } else if (query.containsKey("expired")) {
            show(model, "error", "login.expired", null);
        } else if (query.containsKey("logout")) {
            show(model, "info", "login.signedOut", null);
        } else if (query.containsKey("activated")) {
            show(model, "info", "login.activated", null);
        }
        return "login";
    }

    /** The page says the message of {@code key} (messages.properties) in the reader's language. */
    private static void show(Model model, String kind, String key, Integer minutes) {
        model.addAttribute("messageKey", key);
        model.addAttribute("minutes", minutes);
        model.addAttribute("messageKind", kind);
    }

    private static Integer minutes(String value) {
        try {
            return Math.max(1, Math.min(24 * 60, Integer.parseInt(value)));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
