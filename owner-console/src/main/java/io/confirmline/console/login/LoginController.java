package io.confirmline.console.login;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; the form posts to {@code /login}, which Spring Security handles. */
@Controller
public class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String refused,
            @RequestParam(required = false) String logout, @RequestParam(required = false) String expired,
            @RequestParam(required = false) String activated, Model model) {
        if (refused != null) {
            model.addAttribute("message", "Too many failed sign-ins. Sign-in is paused for this account or this network; "
                    + "try again in " + minutes(refused) + ".");
            model.addAttribute("messageKind", "error");
        } else if (error != null) {
            model.addAttribute("message", "Wrong email or password.");
            model.addAttribute("messageKind", "error");
        } else if (expired != null) {
            model.addAttribute("message", "The sign-in form had expired. Please sign in again.");
            model.addAttribute("messageKind", "error");
        } else if (logout != null) {
            model.addAttribute("message", "You have signed out.");
            model.addAttribute("messageKind", "info");
        } else if (activated != null) {
            model.addAttribute("message", "Your password is set. You can sign in now.");
            model.addAttribute("messageKind", "info");
        }
        return "login";
    }

    private static String minutes(String value) {
        try {
            int minutes = Math.max(1, Math.min(24 * 60, Integer.parseInt(value)));
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        } catch (NumberFormatException e) {
            return "a few minutes";
        }
    }
}
