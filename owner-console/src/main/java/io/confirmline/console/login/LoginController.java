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
            show(model, "error", "Too many failed sign-ins. Sign-in is paused for this account or this network; try again in "
                    + minutes(query.getFirst("refused")) + ".");
        } else if (query.containsKey("error")) {
            show(model, "error", "Wrong email or password.");
        } else if (query.containsKey("expired")) {
            show(model, "error", "The sign-in form had expired. Please sign in again.");
        } else if (query.containsKey("logout")) {
            show(model, "info", "You have signed out.");
        } else if (query.containsKey("activated")) {
            show(model, "info", "Your password is set. You can sign in now.");
        }
        return "login";
    }

    private static void show(Model model, String kind, String message) {
        model.addAttribute("message", message);
        model.addAttribute("messageKind", kind);
    }

    private static String minutes(String value) {
        try {
            int minutes = Math.max(1, Math.min(24 * 60, Integer.parseInt(value)));
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        } catch (NumberFormatException | NullPointerException e) {
            return "a few minutes";
        }
    }
}
