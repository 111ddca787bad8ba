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

import static io.confirmline.orchestrator.text.ReplyIntent.CANCEL;
import static io.confirmline.orchestrator.text.ReplyIntent.CONFIRM;
import static io.confirmline.orchestrator.text.ReplyIntent.OPT_OUT;
import static io.confirmline.orchestrator.text.ReplyIntent.UNCLEAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reply table of docs/sms-keywords.md in four languages, read with the default digits (1 confirms, 0
 * cancels). Each row is what a guest might really send and what must happen to their booking or their consent.
 */
class ReplyParserTest {

    final ReplyParser parser = new ReplyParser();

    static Stream<Arguments> everyOptOutWord() {
        return Stream.concat(ReplyParser.OPT_OUT_WORDS.stream(), ReplyParser.OPT_OUT_PHRASES.stream())
                .map(Arguments::of);
    }

    /** Each keyword as the whole reply, in the forms guests type it. */
    @ParameterizedTest
    @MethodSource("everyOptOutWord")
    void everyOptOutWordAsTheWholeReplyOptsOut(String keyword) {
        assertThat(parser.parse(keyword, "1", "0")).isEqualTo(OPT_OUT);
        assertThat(parser.parse(keyword.toUpperCase(java.util.Locale.ROOT) + "!", "1", "0"))
                .isEqualTo(OPT_OUT);
        assertThat(parser.parse("  " + keyword + ".  ", "1", "0")).isEqualTo(OPT_OUT);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', textBlock = """
            OPT_OUT | STOP
            OPT_OUT | Stop.
            OPT_OUT | stop please
            OPT_OUT | Please STOP!!
            OPT_OUT | STOP STOP
            OPT_OUT | Opt-out
            OPT_OUT | opt out
            OPT_OUT | STOPALL
            OPT_OUT | stop all
            OPT_OUT | UNSUBSCRIBE
            OPT_OUT | Cancel
            OPT_OUT | cancel.
            OPT_OUT | End
            OPT_OUT | QUIT
            OPT_OUT | revoke
            OPT_OUT | Stop?
            OPT_OUT | stop texting me
            OPT_OUT | Please stop texting me, thanks
            OPT_OUT | don't text me
            OPT_OUT | Don’t text me again
            OPT_OUT | no more texts
            OPT_OUT | unsubscribe me
            OPT_OUT | BAJA
            OPT_OUT | Baja por favor
            OPT_OUT | alto
            OPT_OUT | parar
            OPT_OUT | Cancelar suscripción
            OPT_OUT | No más
            OPT_OUT | no más mensajes
            OPT_OUT | darme de baja
            OPT_OUT | cancelar
            OPT_OUT | ARRÊT
            OPT_OUT | arrêter
            OPT_OUT | Désabonner
            OPT_OUT | désinscrire svp
            OPT_OUT | STOP SMS
            OPT_OUT | annuler
            OPT_OUT | Stopp
            OPT_OUT | abmelden bitte
            OPT_OUT | austragen
            OPT_OUT | kündigen
            OPT_OUT | KÜNDIGEN
            OPT_OUT | keine SMS mehr
            OPT_OUT | stornieren
            """)
    void optOut(ReplyIntent expected, String body) {
        assertThat(parser.parse(body, "1", "0")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', textBlock = """
            OPT_IN  | START
            OPT_IN  | start
            OPT_IN  | Unstop
            OPT_IN  | start please
            OPT_IN  | alta
            OPT_IN  | darme de alta
            HELP    | HELP
            HELP    | help?
            HELP    | Info
            HELP    | ayuda
            HELP    | AIDE
            HELP    | Hilfe
            HELP    | hilfe bitte
            CONFIRM | yes
            UNCLEAR | start again tomorrow
            UNCLEAR | help me change the time
            """)
    void optInAndHelp(ReplyIntent expected, String body) {
        assertThat(parser.parse(body, "1", "0")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', textBlock = """
            CONFIRM | 1
            CONFIRM | 1.
            CONFIRM | ' 1 '
            CONFIRM | yes
            CONFIRM | YES
            CONFIRM | Yes!
            CONFIRM | y
            CONFIRM | Y
            CONFIRM | yeah
            CONFIRM | yep
            CONFIRM | ok
            CONFIRM | Okay
            CONFIRM | confirm
            CONFIRM | Confirmed
            CONFIRM | sure
            CONFIRM | yes see you then!
            CONFIRM | Yes, see you at 8
            CONFIRM | Hi, yes we will be there
            CONFIRM | I confirm
            CONFIRM | See you then
            CONFIRM | We'll be there!
            CONFIRM | Thanks! Yes
            CONFIRM | 👍
            CONFIRM | 👍🏽
            CONFIRM | ✅
            CONFIRM | 1 👍
            CONFIRM | Sí
            CONFIRM | si
            CONFIRM | SÍ
            CONFIRM | Sí, allí estaremos
            CONFIRM | vale
            CONFIRM | Confirmo
            CONFIRM | claro que sí
            CONFIRM | de acuerdo, gracias
            CONFIRM | oui
            CONFIRM | Oui merci
            CONFIRM | ouais
            CONFIRM | d'accord
            CONFIRM | D’accord, à tout à l’heure
            CONFIRM | je confirme
            CONFIRM | ok merci
            CONFIRM | ja
            CONFIRM | Ja, bis dann
            CONFIRM | jawohl
            CONFIRM | bestätigt
            CONFIRM | Ich bestätige
            CONFIRM | passt
            CONFIRM | ok danke
            """)
    void confirm(ReplyIntent expected, String body) {
        assertThat(parser.parse(body, "1", "0")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', textBlock = """
            CANCEL | 0
            CANCEL | 0!
            CANCEL | no
            CANCEL | No.
            CANCEL | NO
            CANCEL | n
            CANCEL | nope
            CANCEL | no thanks
            CANCEL | no we can't come
            CANCEL | No, sorry, we can't make it
            CANCEL | I can't make it
            CANCEL | 👎
            CANCEL | ❌
            CANCEL | cancel my booking
            CANCEL | Please cancel the table
            CANCEL | please cancel our reservation, thanks
            CANCEL | we can't come, please cancel the booking
            CANCEL | no, gracias
            CANCEL | No podemos ir
            CANCEL | cancelar la reserva
            CANCEL | Cancelen la mesa por favor
            CANCEL | non
            CANCEL | Non merci
            CANCEL | annuler la réservation
            CANCEL | Je ne peux pas venir
            CANCEL | nein
            CANCEL | Nein danke
            CANCEL | Reservierung stornieren
            CANCEL | bitte stornieren Sie meinen Tisch
            CANCEL | Termin absagen
            """)
    void cancel(ReplyIntent expected, String body) {
        assertThat(parser.parse(body, "1", "0")).isEqualTo(expected);
    }

    /** Never decided by the parser: a person reads these. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no problem, see you at 8
            No worries see you then
            yes but we'll be late, no?
            Yes, we'll be 10 minutes late
            oui mais un peu en retard
            sí pero somos 5
            ja aber später
            pas de problème, à ce soir
            sin problema
            kein Problem
            no hay problema
            can we make it 8:30?
            si?
            Sí?
            yes?
            ok?
            stop by at 8
            please stop by at the bar
            nobody
            yesterday
            Yessss I guess
            sino
            nono
            7
            10
            1 or 0
            yes no
            1 0
            ja nein
            Hello
            Thanks
            😊
            ''
            '   '
            ...
            yes, stop calling me
            I want to cancel
            don't cancel my booking
            please do not cancel the table
            n'annulez pas la réservation
            no cancele la reserva
            yes cancel the booking
            we would like to change the booking to Saturday please
            yes and could we have a table by the window with a high chair for our little one
            Who is this
            """)
    void unclear(String body) {
        assertThat(parser.parse(body, "1", "0")).isEqualTo(UNCLEAR);
    }

    @Test
    void theTenantsOwnDigitsDecideAndOtherDigitsDoNot() {
        assertThat(parser.parse("5", "5", "6")).isEqualTo(CONFIRM);
        assertThat(parser.parse("6", "5", "6")).isEqualTo(CANCEL);
        assertThat(parser.parse("1", "5", "6")).isEqualTo(UNCLEAR);
        assertThat(parser.parse("0", "5", "6")).isEqualTo(UNCLEAR);
        assertThat(parser.parse("yes 6", "5", "6")).isEqualTo(UNCLEAR);
    }

    @Test
    void nothingIsUnclear() {
        assertThat(parser.parse(null, "1", "0")).isEqualTo(UNCLEAR);
        assertThat(parser.parse("", "1", "0")).isEqualTo(UNCLEAR);
    }

    @Test
    void wordsAreNormalisedWithoutCaseAccentsPunctuationOrEmoji() {
        assertThat(ReplyParser.words("¡SÍ! Allí estaremos 😊")).containsExactly("si", "alli", "estaremos");
        assertThat(ReplyParser.words("Don’t  text\nme")).containsExactly("do", "not", "text", "me");
        assertThat(ReplyParser.words("Kündigen.")).containsExactly("kundigen");
        assertThat(ReplyParser.words("👍🏿")).containsExactly("yes");
    }

    @Test
    void theWordListsDoNotContradictEachOther() {
        assertThat(ReplyParser.YES_WORDS)
                .doesNotContainAnyElementsOf(ReplyParser.NO_WORDS)
                .doesNotContainAnyElementsOf(ReplyParser.OPT_OUT_WORDS)
                .doesNotContainAnyElementsOf(ReplyParser.HELP);
        assertThat(ReplyParser.OPT_IN).doesNotContainAnyElementsOf(ReplyParser.YES_WORDS);
    }
}
