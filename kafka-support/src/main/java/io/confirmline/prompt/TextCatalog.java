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

import io.confirmline.tenant.PromptTemplates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The texts a guest gets as shipped, per language (en, es, fr, de), by the {@code sms-} names of
 * {@link PromptTemplates#TEXTS} and with its {@link PromptTemplates#TEXT_PLACEHOLDERS}: the orchestrator sends them
 * unless the tenant wrote its own, and the owner console shows them next to the tenant's. Kept here, beside the call
 * sentences of {@link PromptCatalog}, so both read the same words.
 */
public final class TextCatalog {

    private static final Map<String, Map<String, String>> SHIPPED = Map.of(
            "en",
                    texts(
                            "{venue}: your {booking} on {when}. Reply {confirmDigit} to confirm or {cancelDigit} to cancel your {what}.",
                            "{venue}: thanks, your {booking} on {when} is confirmed. See you then!",
                            "{venue}: your {booking} on {when} is cancelled. Thanks for letting us know.",
                            "You won't get any more texts or calls from {venue}. Reply START to opt back in.",
                            "{venue}: you will get texts and calls about your bookings again. Reply STOP to opt out.",
                            "{venue}: texts about your bookings. For help call {venuePhone}. Reply STOP to opt out.",
                            "Thanks, we've passed your message to {venue}; they'll get back to you.",
                            "{venue}: we found no upcoming booking for this number, so nothing was changed.",
                            "Sorry we missed you at {venue}. Reply here and we'll get back to you.",
                            "{venue}: just to be sure, reply {confirmDigit} to confirm your {booking} on {when}, or {cancelDigit} to cancel it.",
                            "{venue}: just to be sure, reply {cancelDigit} to cancel your {booking} on {when}, or {confirmDigit} to keep it.",
                            "{venue} can offer {slots}. Reply with the time you would like.",
                            "Thanks, we have asked {venue} for {slots}. They will confirm your booking."),
            "es",
                    texts(
                            "{venue}: su {booking} el {when}. Responda {confirmDigit} para confirmar o {cancelDigit} para cancelar su {what}.",
                            "{venue}: gracias, su {booking} el {when} queda confirmada. Le esperamos.",
                            "{venue}: su {booking} el {when} queda cancelada. Gracias por avisarnos.",
                            "No recibirá más mensajes ni llamadas de {venue}. Responda START para volver a recibirlos.",
                            "{venue}: volverá a recibir mensajes y llamadas sobre sus reservas. Responda STOP para darse de baja.",
                            "{venue}: mensajes sobre sus reservas. Ayuda: {venuePhone}. Responda STOP para darse de baja.",
                            "Gracias, hemos pasado su mensaje a {venue}; le responderán pronto.",
                            "{venue}: no encontramos ninguna reserva próxima para este número; no se ha cambiado nada.",
                            "Sentimos no haber podido atenderle en {venue}. Responda aquí y le contestaremos.",
                            "{venue}: para estar seguros, responda {confirmDigit} para confirmar su {booking} el {when}, o {cancelDigit} para cancelarla.",
                            "{venue}: para estar seguros, responda {cancelDigit} para cancelar su {booking} el {when}, o {confirmDigit} para mantenerla.",
                            "{venue} puede ofrecerle {slots}. Responda con la hora que prefiera.",
                            "Gracias, hemos pedido a {venue} {slots}. Le confirmarán su reserva."),
            "fr",
                    texts(
                            "{venue} : votre {booking} le {when}. Répondez {confirmDigit} pour confirmer ou {cancelDigit} pour annuler votre {what}.",
                            "{venue} : merci, c'est confirmé pour votre {booking} le {when}. À bientôt !",
                            "{venue} : c'est annulé pour votre {booking} le {when}. Merci de nous avoir prévenus.",
                            "Vous ne recevrez plus de SMS ni d'appels de {venue}. Répondez START pour les réactiver.",
                            "{venue} : vous recevrez de nouveau nos SMS et appels sur vos réservations. Répondez STOP pour vous désabonner.",
                            "{venue} : SMS sur vos réservations. Aide : {venuePhone}. Répondez STOP pour vous désabonner.",
                            "Merci, nous avons transmis votre message à {venue} ; on vous répondra bientôt.",
                            "{venue} : aucune réservation à venir pour ce numéro, rien n'a été modifié.",
                            "Désolé de vous avoir manqué chez {venue}. Répondez ici et nous vous recontacterons.",
                            "{venue} : pour être sûrs, répondez {confirmDigit} pour confirmer votre {booking} le {when}, ou {cancelDigit} pour l'annuler.",
                            "{venue} : pour être sûrs, répondez {cancelDigit} pour annuler votre {booking} le {when}, ou {confirmDigit} pour la garder.",
                            "{venue} peut vous proposer {slots}. Répondez avec l'heure souhaitée.",
                            "Merci, nous avons demandé {slots} à {venue}. On vous confirmera votre réservation."),
            "de",
                    texts(
                            "{venue}: Ihr {booking} am {when}. Antworten Sie {confirmDigit} zum Bestätigen oder {cancelDigit} zum Stornieren.",
                            "{venue}: Danke, Ihr {booking} am {when} ist bestätigt. Bis dann!",
                            "{venue}: Ihr {booking} am {when} ist storniert. Danke für Ihre Nachricht.",
                            "Sie erhalten keine SMS und Anrufe mehr von {venue}. Antworten Sie START, um sie wieder zu erhalten.",
                            "{venue}: Sie erhalten wieder SMS und Anrufe zu Ihren Buchungen. Antworten Sie STOP zum Abmelden.",
                            "{venue}: SMS zu Ihren Buchungen. Hilfe: {venuePhone}. Antworten Sie STOP zum Abmelden.",
                            "Danke, wir haben Ihre Nachricht an {venue} weitergegeben; man meldet sich bei Ihnen.",
                            "{venue}: Wir haben keine anstehende Buchung für diese Nummer gefunden; es wurde nichts geändert.",
                            "Leider haben wir Ihren Anruf bei {venue} verpasst. Antworten Sie hier, wir melden uns bei Ihnen.",
                            "{venue}: Zur Sicherheit: Antworten Sie {confirmDigit}, um Ihren {booking} am {when} zu bestätigen, oder {cancelDigit}, um ihn zu stornieren.",
                            "{venue}: Zur Sicherheit: Antworten Sie {cancelDigit}, um Ihren {booking} am {when} zu stornieren, oder {confirmDigit}, um ihn zu behalten.",
                            "{venue} kann Ihnen {slots} anbieten. Antworten Sie mit der gewünschten Uhrzeit.",
                            "Danke, wir haben bei {venue} {slots} angefragt. Man bestätigt Ihnen die Buchung."));

    private TextCatalog() {}

    /** The languages shipped. */
    public static java.util.Set<String> languages() {
        return SHIPPED.keySet();
    }

    /** The shipped texts of a BCP 47 tag's language, English for a language not shipped; by template name. */
    public static Map<String, String> shipped(String languageTag) {
        String language =
                Locale.forLanguageTag(languageTag == null ? "en" : languageTag).getLanguage();
        return SHIPPED.getOrDefault(language, SHIPPED.get("en"));
    }

    private static Map<String, String> texts(
            String fallback,
            String confirmed,
            String cancelled,
            String optedOut,
            String optedIn,
            String help,
            String holding,
            String noBooking,
            String missedCall,
            String checkConfirm,
            String checkCancel,
            String slotOffer,
            String requestSent) {
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> values = List.of(
                fallback,
                confirmed,
                cancelled,
                optedOut,
                optedIn,
                help,
                holding,
                noBooking,
                missedCall,
                checkConfirm,
                checkCancel,
                slotOffer,
                requestSent);
        for (int i = 0; i < PromptTemplates.TEXTS.size(); i++) {
            texts.put(PromptTemplates.TEXTS.get(i), values.get(i));
        }
        return java.util.Collections.unmodifiableMap(texts);
    }
}
