package io.confirmline.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The grammar of a tenant's prompt templates ({@code prompts.<language>.<template>}): which templates exist and
 * which placeholders each may use. The console checks a tenant against it before accepting it, and the
 * orchestrator's catalogue renders by it, so a template the console accepted is one the orchestrator can say.
 */
public final class PromptTemplates {

    /** The sentences of a call, by the name a tenant's template uses. */
    public static final List<String> SENTENCES = List.of("reservation-prompt", "appointment-prompt", "confirmed",
            "cancelled", "invalid-digit", "no-input", "goodbye");
    /** The words that say {@code {when}}: they take no placeholders. */
    public static final List<String> WORDS = List.of("today", "tomorrow", "at");
    /** What a sentence may ask to have filled in. */
    public static final List<String> PLACEHOLDERS =
            List.of("name", "venue", "party", "service", "when", "confirmDigit", "cancelDigit");

    private static final Set<String> NAMES = Set.copyOf(concat());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private PromptTemplates() {
    }

    private static List<String> concat() {
        List<String> all = new ArrayList<>(SENTENCES);
        all.addAll(WORDS);
        return all;
    }

    /**
     * Every problem of a tenant's templates, each naming {@code prompts.<language>.<template>}; empty when none.
     */
    public static List<String> problems(Map<String, Map<String, String>> prompts) {
        List<String> problems = new ArrayList<>();
        prompts.forEach((language, templates) -> templates.forEach((name, text) -> {
            String field = "prompts." + language + "." + name;
            if (!NAMES.contains(name)) {
                problems.add(field + " is not a template; known: " + String.join(", ", concat()));
                return;
            }
            problem(name, text).ifPresent(p -> problems.add(field + " " + p));
        }));
        return problems;
    }

    /** What is wrong with one template's text, if anything ("uses unknown placeholder {x}; known: ..."). */
    public static java.util.Optional<String> problem(String name, String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            String used = placeholder.group(1);
            if (WORDS.contains(name) || !PLACEHOLDERS.contains(used)) {
                return java.util.Optional.of("uses unknown placeholder {" + used + "}; " + (WORDS.contains(name)
                        ? "this word takes none"
                        : "known: " + PLACEHOLDERS.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "))));
            }
        }
        return java.util.Optional.empty();
    }
}
