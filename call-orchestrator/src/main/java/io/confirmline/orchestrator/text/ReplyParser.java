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
package io.confirmline.orchestrator.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a guest's text reply in English, Spanish, French or German at once (a guest may answer in any of them):
 * opt-out, opt-in and help keywords as the whole reply, then a clear yes or no. The word lists and the reasons
 * behind them are docs/sms-keywords.md; keep the two in step.
 *
 * <p>The parser decides only what cannot be misread. A reply is {@link ReplyIntent#CONFIRM} or
 * {@link ReplyIntent#CANCEL} only when its first meaningful word is a clear answer (or the tenant's digit) and
 * nothing after it pulls the other way; questions, mixed answers, idioms such as "no problem" and long messages
 * are {@link ReplyIntent#UNCLEAR}, which makes them a message for the owner. Opting out is the one place where
 * the parser leans towards acting: the law (FCC 24-24) makes a reply of stop, quit, end, revoke, opt out, cancel
 * or unsubscribe a revocation, so those words — and their equivalents here — as the whole reply opt out, even
 * with a question mark or "please". That is why our texts ask for a digit, never the word "cancel".
 *
 * <p>Pure and thread-safe.
 */
public final class ReplyParser {

    /** More words than this is a message for a person, whatever it starts with: it may carry a request. */
    static final int MAX_WORDS = 12;

    // --- opt-out: the whole reply (after courtesy words) is one of these -------------------------------------

    /** Single words that revoke consent; a reply made only of these (e.g. "stop stop", "quit!") opts out. */
    static final Set<String> OPT_OUT_WORDS = Set.of(
            // FCC 24-24 (47 CFR 64.1200(a)(12)) and the carriers' / CTIA's lists
            "stop",
            "stopall",
            "unsubscribe",
            "cancel",
            "end",
            "quit",
            "revoke",
            "optout",
            "remove",
            // es
            "baja",
            "alto",
            "parar",
            "para",
            "basta",
            "cancelar",
            "anular",
            "desuscribir",
            "desuscribirme",
            "desuscribirse",
            "fin",
            // fr (ARRET is the Canadian carriers' French STOP)
            "arret",
            "arreter",
            "arretez",
            "desabonner",
            "desabonnement",
            "desinscrire",
            "desinscription",
            "annuler",
            // de
            "stopp",
            "abmelden",
            "austragen",
            "kundigen",
            "abbestellen",
            "beenden",
            "ende",
            "stornieren");

    /** Short phrases that can only mean "stop texting me", as the whole reply. Kept small on purpose. */
    static final Set<String> OPT_OUT_PHRASES = Set.of(
            "opt out",
            "stop all",
            "stop texting",
            "stop texting me",
            "stop texts",
            "stop the texts",
            "stop messaging me",
            "stop messages",
            "stop sending messages",
            "stop sending texts",
            "stop sending me texts",
            "stop sending me messages",
            "stop contacting me",
            "no more texts",
            "no more messages",
            "no more text messages",
            "do not text me",
            "do not text me again",
            "do not message me",
            "do not contact me",
            "unsubscribe me",
            "remove me",
            "take me off your list",
            "opt me out",
            "leave me alone",
            // es
            "no mas",
            "no mas mensajes",
            "no mas sms",
            "darme de baja",
            "dar de baja",
            "dame de baja",
            "de baja",
            "cancelar suscripcion",
            "anular suscripcion",
            "no me escriban",
            "no me escriban mas",
            "no me envien mas mensajes",
            "dejen de escribirme",
            "no quiero mas mensajes",
            // fr
            "stop sms",
            "arretez les sms",
            "arretez les messages",
            "plus de sms",
            "plus de messages",
            "me desabonner",
            "me desinscrire",
            "desabonnez moi",
            "desinscrivez moi",
            "ne m ecrivez plus",
            "arretez de m ecrire",
            // de
            "keine sms",
            "keine sms mehr",
            "keine nachrichten mehr",
            "melden sie mich ab",
            "schreiben sie mir nicht mehr",
            "nicht mehr schreiben");

    /**
     * Words that mean "stop" so strongly that a longer reply containing one is never read as yes or no ("yes,
     * stop calling me" goes to the owner). "end", "para", "fin"... are left out: they are ordinary words too.
     */
    static final Set<String> STOP_SIGNALS = Set.of(
            "stop",
            "stopp",
            "stopall",
            "unsubscribe",
            "optout",
            "revoke",
            "desabonner",
            "desinscrire",
            "abmelden",
            "austragen",
            "kundigen",
            "abbestellen",
            "baja",
            "arret",
            "arreter",
            "arretez");

    /** Opt back in. "yes" is not one: yes confirms a booking here. */
    static final Set<String> OPT_IN =
            Set.of("start", "unstop", "opt in", "optin", "alta", "dar de alta", "darme de alta");

    /** Ask for help (CTIA's HELP and INFO; AIDE is the Canadian carriers' French HELP). */
    static final Set<String> HELP = Set.of("help", "info", "ayuda", "aide", "hilfe");

    /** Courtesy words stripped from both ends before the whole reply is compared with the keywords. */
    static final List<List<String>> COURTESY = phrases(
            "please",
            "pls",
            "plz",
            "thanks",
            "thank you",
            "thx",
            "now",
            "bitte",
            "danke",
            "jetzt",
            "por favor",
            "gracias",
            "ya",
            "merci",
            "svp",
            "s il vous plait",
            "s il te plait",
            "maintenant");

    // --- yes / no ---------------------------------------------------------------------------------------------

    static final Set<String> YES_WORDS = Set.of(
            "yes",
            "yeah",
            "yea",
            "yep",
            "yup",
            "ok",
            "okay",
            "okey",
            "okie",
            "kk",
            "confirm",
            "confirmed",
            "confirming",
            "sure",
            "absolutely",
            "definitely",
            "correct",
            "perfect",
            "great",
            "fine",
            // es
            "si",
            "vale",
            "confirmo",
            "confirmado",
            "confirmada",
            "claro",
            "perfecto",
            "dale",
            "listo",
            // fr
            "oui",
            "ouais",
            "ouaip",
            "confirme",
            "confirmee",
            "parfait",
            "daccord",
            "volontiers",
            // de
            "ja",
            "jawohl",
            "jep",
            "jo",
            "klar",
            "bestatigt",
            "bestatige",
            "passt",
            "genau",
            "perfekt",
            "gerne",
            "komme");

    /** Phrases that say yes; written without a leading pronoun, which is skipped as a filler ("we'll be there"). */
    static final Set<String> YES_PHRASES = Set.of(
            "see you",
            "see you then",
            "sounds good",
            "all good",
            "of course",
            "for sure",
            "will be there",
            "ll be there",
            "de acuerdo",
            "por supuesto",
            "alli estaremos",
            "ahi estaremos",
            "alli estare",
            "nos vemos",
            "d accord",
            "c est bon",
            "ca marche",
            "bien sur",
            "a tout a l heure",
            "bis dann",
            "bis spater",
            "geht klar",
            "in ordnung",
            "alles klar",
            "wir kommen");

    static final Set<String> NO_WORDS = Set.of("no", "nope", "nah", "non", "nein", "nee", "noo", "nooo");

    /** Phrases that say no, likewise without a leading pronoun ("I can't make it", "je ne peux pas venir"). */
    static final Set<String> NO_PHRASES = Set.of(
            "can not make it",
            "can not come",
            "will not make it",
            "will not be there",
            "no podemos ir",
            "no podremos ir",
            "no podemos",
            "no puedo",
            "no podre ir",
            "ne peux pas venir",
            "ne pouvons pas venir",
            "on ne peut pas venir",
            "kann nicht kommen",
            "wir konnen nicht kommen",
            "wir konnen nicht");

    /** Words that pull against a yes (besides the no-words and the cancel digit). */
    static final Set<String> AGAINST_YES = Set.of(
            "not",
            "never",
            "cannot",
            "n",
            "ne",
            "pas",
            "nicht",
            "kein",
            "keine",
            "nunca",
            "jamais",
            "cancel",
            "cancelar",
            "annuler",
            "stornieren",
            "absagen",
            "late",
            "tarde",
            "retard",
            "spater",
            "instead",
            "change",
            "cambiar",
            "changer",
            "andern");

    /** "No problem" and friends: positive, but start with a no-word; never decided. */
    static final Set<String> IDIOMS = Set.of(
            "no problem",
            "no problems",
            "no prob",
            "no probs",
            "no worries",
            "no worry",
            "not a problem",
            "no issue",
            "no hay problema",
            "sin problema",
            "sin problemas",
            "ningun problema",
            "no pasa nada",
            "pas de probleme",
            "pas de problemes",
            "pas de souci",
            "pas de soucis",
            "aucun probleme",
            "aucun souci",
            "kein problem",
            "kein thema",
            "keine sorge",
            "kein ding");

    /** A "but" makes any answer a conversation. */
    static final Set<String> CONTRAST = Set.of(
            "but",
            "however",
            "although",
            "except",
            "unless",
            "pero",
            "aunque",
            "sino",
            "salvo",
            "mais",
            "cependant",
            "sauf",
            "aber",
            "jedoch",
            "ausser",
            "sondern");

    /** Greetings, thanks and pronouns skipped before the first meaningful word ("Hi, yes", "I confirm"). */
    static final Set<String> FILLERS = Set.of(
            "hi", "hello", "hey", "hiya", "dear", "oh", "ah", "um", "uh", "i", "we", "thanks", "thank", "you", "thx",
            "gracias", "merci", "danke", "hola", "buenas", "buenos", "dias", "tardes", "noches", "yo", "bonjour",
            "bonsoir", "salut", "coucou", "je", "hallo", "moin", "servus", "guten", "tag", "abend", "morgen", "ich");

    // --- "cancel my booking" ----------------------------------------------------------------------------------

    static final Set<String> CANCEL_VERBS = Set.of(
            "cancel",
            "cancelled",
            "canceled",
            "cancelling",
            "canceling",
            "cancellation",
            "cancelar",
            "cancela",
            "cancele",
            "cancelen",
            "cancelo",
            "cancelacion",
            "anular",
            "anula",
            "anule",
            "anulen",
            "anulo",
            "annuler",
            "annule",
            "annulez",
            "annulation",
            "stornieren",
            "storniere",
            "storniert",
            "stornierung",
            "absagen");

    static final Set<String> BOOKING_NOUNS = Set.of(
            "booking",
            "reservation",
            "table",
            "appointment",
            "res",
            "reserva",
            "reservacion",
            "mesa",
            "cita",
            "rendez",
            "rdv",
            "reservierung",
            "tisch",
            "termin",
            "buchung");

    /** Negations that, just before (or, in French and German, just after) a cancel verb, turn it around. */
    static final Set<String> VERB_NEGATIONS =
            Set.of("not", "never", "n", "ne", "pas", "nicht", "nie", "kein", "keine", "nunca", "jamas", "jamais", "no");

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    private static final Pattern THUMBS_UP = Pattern.compile("\\x{1F44D}");
    private static final Pattern THUMBS_DOWN = Pattern.compile("\\x{1F44E}");
    private static final Pattern TICK = Pattern.compile("[\\x{2705}\\x{2714}\\x{2611}]");
    private static final Pattern CROSS = Pattern.compile("[\\x{274C}\\x{274E}\\x{2716}]");

    /**
     * @param body the text as the guest sent it (null reads as unclear)
     * @param confirmDigit the tenant's confirm key ("1"), which the fallback text asks for
     * @param cancelDigit the tenant's cancel key ("0")
     */
    public ReplyIntent parse(String body, String confirmDigit, String cancelDigit) {
        if (body == null) {
            return ReplyIntent.UNCLEAR;
        }
        boolean question = body.indexOf('?') >= 0 || body.indexOf('¿') >= 0;
        List<String> words = words(body);
        if (words.isEmpty()) {
            return ReplyIntent.UNCLEAR;
        }
        String core = String.join(" ", stripCourtesy(words));
        if (OPT_OUT_PHRASES.contains(core)
                || (!core.isEmpty() && Arrays.stream(core.split(" ")).allMatch(OPT_OUT_WORDS::contains))) {
            return ReplyIntent.OPT_OUT;
        }
        if (OPT_IN.contains(core)) {
            return ReplyIntent.OPT_IN;
        }
        if (HELP.contains(core)) {
            return ReplyIntent.HELP;
        }
        if (question || words.size() > MAX_WORDS) {
            return ReplyIntent.UNCLEAR;
        }
        String text = " " + String.join(" ", words) + " ";
        if (containsAny(text, IDIOMS)
                || words.stream().anyMatch(w -> CONTRAST.contains(w) || STOP_SIGNALS.contains(w))) {
            return ReplyIntent.UNCLEAR;
        }
        if (words.size() == 1 && (words.get(0).equals("y") || words.get(0).equals("n"))) {
            return words.get(0).equals("y") ? ReplyIntent.CONFIRM : ReplyIntent.CANCEL;
        }
        if (words.stream().anyMatch(CANCEL_VERBS::contains)) {
            return cancelRequest(words, text, confirmDigit);
        }
        return answer(words, confirmDigit, cancelDigit);
    }

    /**
     * A reply naming a cancel verb is a cancellation only with the thing to cancel ("please cancel the table",
     * "cancelar la reserva") and nothing turning it around ("don't cancel"); a verb alone in a longer reply ("I
     * want to cancel") could be the booking or the texts, so a person reads it.
     */
    private static ReplyIntent cancelRequest(List<String> words, String text, String confirmDigit) {
        boolean names = words.stream().anyMatch(BOOKING_NOUNS::contains);
        boolean positive = words.stream().anyMatch(w -> YES_WORDS.contains(w) || w.equals(confirmDigit))
                || containsAny(text, YES_PHRASES);
        for (int i = 0; i < words.size(); i++) {
            if (CANCEL_VERBS.contains(words.get(i)) && negated(words, i)) {
                return ReplyIntent.UNCLEAR;
            }
        }
        return names && !positive ? ReplyIntent.CANCEL : ReplyIntent.UNCLEAR;
    }

    private static boolean negated(List<String> words, int verb) {
        for (int i = Math.max(0, verb - 2); i < verb; i++) {
            // "no" two words before is an answer ("no, please cancel"); right before, it negates ("no cancele").
            if (VERB_NEGATIONS.contains(words.get(i)) && !(words.get(i).equals("no") && i < verb - 1)) {
                return true;
            }
        }
        for (int i = verb + 1; i < Math.min(words.size(), verb + 3); i++) {
            if (words.get(i).equals("pas") || words.get(i).equals("nicht")) {
                return true;
            }
        }
        return false;
    }

    /** The lead-word rule: the first meaningful word answers, and nothing after it may pull the other way. */
    private static ReplyIntent answer(List<String> words, String confirmDigit, String cancelDigit) {
        int lead = 0;
        while (lead < words.size() && FILLERS.contains(words.get(lead))) {
            lead++;
        }
        if (lead == words.size()) {
            return ReplyIntent.UNCLEAR;
        }
        List<String> rest = words.subList(lead, words.size());
        String first = rest.get(0);
        ReplyIntent intent;
        int after;
        if (first.chars().allMatch(Character::isDigit)) {
            if (first.equals(confirmDigit)) {
                intent = ReplyIntent.CONFIRM;
            } else if (first.equals(cancelDigit)) {
                intent = ReplyIntent.CANCEL;
            } else {
                return ReplyIntent.UNCLEAR;
            }
            after = 1;
        } else if (YES_WORDS.contains(first)) {
            intent = ReplyIntent.CONFIRM;
            after = 1;
        } else if ((after = leadingPhrase(rest, YES_PHRASES)) > 0) {
            intent = ReplyIntent.CONFIRM;
        } else if ((after = leadingPhrase(rest, NO_PHRASES)) > 0) {
            intent = ReplyIntent.CANCEL;
        } else if (NO_WORDS.contains(first)) {
            intent = ReplyIntent.CANCEL;
            after = 1;
        } else {
            return ReplyIntent.UNCLEAR;
        }
        List<String> tail = rest.subList(after, rest.size());
        String tailText = " " + String.join(" ", tail) + " ";
        boolean against = intent == ReplyIntent.CONFIRM
                ? tail.stream().anyMatch(w -> NO_WORDS.contains(w) || AGAINST_YES.contains(w) || w.equals(cancelDigit))
                        || containsAny(tailText, NO_PHRASES)
                : tail.stream().anyMatch(w -> YES_WORDS.contains(w) || w.equals(confirmDigit))
                        || containsAny(tailText, YES_PHRASES);
        return against ? ReplyIntent.UNCLEAR : intent;
    }

    /** How many words of the longest phrase of {@code phrases} that {@code words} starts with; 0 if none. */
    private static int leadingPhrase(List<String> words, Set<String> phrases) {
        int longest = 0;
        for (String phrase : phrases) {
            String[] parts = phrase.split(" ");
            if (parts.length > longest
                    && parts.length <= words.size()
                    && Arrays.equals(parts, words.subList(0, parts.length).toArray(String[]::new))) {
                longest = parts.length;
            }
        }
        return longest;
    }

    private static boolean containsAny(String paddedText, Set<String> phrases) {
        for (String phrase : phrases) {
            if (paddedText.contains(" " + phrase + " ")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> stripCourtesy(List<String> words) {
        List<String> core = new ArrayList<>(words);
        boolean changed = true;
        while (changed && !core.isEmpty()) {
            changed = false;
            for (List<String> courtesy : COURTESY) {
                int n = courtesy.size();
                if (core.size() >= n && core.subList(0, n).equals(courtesy)) {
                    core.subList(0, n).clear();
                    changed = true;
                } else if (core.size() >= n
                        && core.subList(core.size() - n, core.size()).equals(courtesy)) {
                    core.subList(core.size() - n, core.size()).clear();
                    changed = true;
                }
            }
        }
        return core;
    }

    /**
     * The reply as words: thumbs and ticks become yes/no, then lower case (Locale.ROOT), accents dropped (NFD
     * without combining marks), English "n't" read as "not", and everything that is not a letter or digit
     * (punctuation, other emoji, skin tones, apostrophes) a separator.
     */
    static List<String> words(String body) {
        String text = THUMBS_UP.matcher(body).replaceAll(" yes ");
        text = THUMBS_DOWN.matcher(text).replaceAll(" no ");
        text = TICK.matcher(text).replaceAll(" yes ");
        text = CROSS.matcher(text).replaceAll(" no ");
        text = text.replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace('\u00B4', '\'')
                .replace('`', '\'');
        text = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        text = COMBINING_MARKS.matcher(text).replaceAll("");
        text = text.replace("can't", "can not")
                .replace("won't", "will not")
                .replace("n't", " not")
                .replace("cannot", "can not");
        text = NOT_A_WORD.matcher(text).replaceAll(" ").trim();
        return text.isEmpty() ? List.of() : List.of(text.split(" "));
    }

    private static List<List<String>> phrases(String... phrases) {
        return Arrays.stream(phrases).map(p -> List.of(p.split(" "))).toList();
    }
}
