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
package io.confirmline.sandbox.eightbyeight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The sandbox's 8x8 SMS over real HTTP: Send SMS, receipts, guests' answers, injected texts, SMS webhooks. */
class SmsSandboxTest extends SandboxHttpTest {

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};
    static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {};

    WebTestClient.ResponseSpec send(String subaccount, String key, String body) {
        return http.post()
                .uri("/api/v1/subaccounts/" + subaccount + "/messages")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec send(String body) {
        return send("luigis_sms", "sms-key-1", body);
    }

    static String text(String destination, String text, String clientMessageId) {
        return """
                {"destination": "%s", "source": "+34910000099", "text": "%s", "clientMessageId": "%s"}""".formatted(destination, text, clientMessageId);
    }

    Map<String, Object> accepted(String body) {
        return send(body).expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    List<Map<String, Object>> sandboxTexts(String destination) {
        return http.get()
                .uri(b ->
                        b.path("/sandbox/sms").queryParam("destination", "{d}").build(destination))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();
    }

    List<Webhook> webhooksWith(String path, String content) {
        return received.stream()
                .filter(w -> w.path().equals(path) && w.body().contains(content))
                .toList();
    }

    void refused(WebTestClient.ResponseSpec response, int status, int code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.message")
                .exists()
                .jsonPath("$.errorId")
                .exists()
                .jsonPath("$.timestamp")
                .exists();
    }

    @Test
    void sendSmsRefusesAsEightByEightDoesAndSendsNothing() {
        String ok = text("+34611000001", "Hello", "v-1");
        refused(send("luigis_sms", "wrong-key", ok), 401, 1200);
        refused(
                http.post()
                        .uri("/api/v1/subaccounts/luigis_sms/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(ok)
                        .exchange(),
                401,
                1200);
        // A key of another account, and a subaccount nobody has.
        refused(send("luigis_sms", "sms-key-2", ok), 400, 1001);
        refused(send("nobody_sms", "sms-key-1", ok), 400, 1001);
        refused(send("not json"), 400, 1000);
        refused(send("{\"text\": \"Hello\"}"), 400, 3002);
        refused(send(text("+0611000001", "Hello", "v-2")), 400, 1002);
        refused(send(text("+3461100000112345678", "Hello", "v-2")), 400, 1002);
        refused(send("{\"destination\": \"+34611000001\"}"), 400, 1004);
        refused(
                send("{\"destination\": \"+34611000001\", \"text\": \"Hi\", \"source\": \"ThisSenderIsTooLong\"}"),
                400,
                3011);
        refused(send(text("+34611000001", "Hello", "x".repeat(51))), 400, 3009);
        refused(send("{\"destination\": \"+34611000001\", \"text\": \"Hi\", \"encoding\": \"ASCII\"}"), 400, 1003);
        assertThat(sandboxTexts("+34611000001")).isEmpty();
    }

    @Test
    void anAcceptedTextIsAnsweredAsEightByEightDocumentsAndItsReceiptGoesToThePortalWebhook() {
        Map<String, Object> answer = accepted(text("+34611000011", "Hola, ¿confirmas tu mesa?", "booking-1-sms"));
        String umid = (String) answer.get("umid");
        assertThat(answer)
                .containsEntry("clientMessageId", "booking-1-sms")
                .containsEntry("destination", "34611000011")
                .containsEntry("encoding", "GSM7")
                .containsEntry(
                        "status", Map.of("code", "QUEUED", "description", "SMS is accepted and queued for processing"));
        assertThat(umid).matches("[0-9a-f-]{36}");

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> !webhooksWith("/dr", umid).isEmpty());
        Webhook receipt = webhooksWith("/dr", umid).get(0);
        assertThat(receipt.authorization()).isEqualTo("portal-sms-secret");
        assertThat(receipt.body())
                .contains(
                        "\"namespace\":\"SMS\"",
                        "\"eventType\":\"outbound_message_status_changed\"",
                        "\"clientMessageId\":\"booking-1-sms\"",
                        "\"subAccountId\":\"luigis_sms\"",
                        "\"source\":\"+34910000099\"",
                        "\"destination\":\"+34611000011\"",
                        "\"state\":\"delivered\"",
                        "\"detail\":\"delivered_to_recipient\"",
                        "\"price\":{\"total\":0.0125,\"perSms\":0.0125,\"currency\":\"USD\"}",
                        "\"smsCount\":1")
                .doesNotContain("errorCode");

        // Encoding and parts: a character outside GSM-7 makes it UCS-2 (70 a part alone, 67 in a long one).
        Map<String, Object> cyrillic = accepted(text("+34611000021", "Д" + "a".repeat(70), "enc-1"));
        assertThat(cyrillic).containsEntry("encoding", "UCS2");
        accepted(text("+34611000021", "a".repeat(161), "enc-2"));
        accepted(text("+34611000021", "€".repeat(80), "enc-3"));
        assertThat(sandboxTexts("+34611000021"))
                .extracting(t -> t.get("encoding") + "/" + t.get("smsCount"))
                .containsExactly("UCS2/2", "GSM7/2", "GSM7/1");
    }

    @Test
    void theSameClientMessageIdOnTheSameSubaccountAnswersTheFirstAnswerAndSendsNothingNew() {
        Map<String, Object> first = accepted(text("+34611000031", "Hello", "same-id"));
        Map<String, Object> again = accepted(text("+34611000031", "Hello", "same-id"));
        assertThat(again).isEqualTo(first);
        assertThat(sandboxTexts("+34611000031")).hasSize(1);
        // Another subaccount has ids of its own.
        Map<String, Object> other = send("luigis_promo", "sms-key-1", text("+34611000031", "Hello", "same-id"))
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(other.get("umid")).isNotEqualTo(first.get("umid"));
        assertThat(sandboxTexts("+34611000031")).hasSize(2);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> webhooksWith("/dr", "+34611000031").size() == 2);
    }

    @Test
    void anInvalidNumberGetsAnUndeliveredReceiptRetriedOnFailureAtThePerMessageCallback() {
        String callback = "http://127.0.0.1:" + receiver.port() + "/flaky-dr";
        String umid = (String) accepted("""
                {"destination": "+34611000049", "text": "Hi", "clientMessageId": "u-1", "dlrCallbackUrl": "%s"}""".formatted(callback)).get("umid");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> webhooksWith("/flaky-dr", umid).size() == 2);
        assertThat(webhooksWith("/flaky-dr", umid).get(1).body())
                .contains(
                        "\"state\":\"undelivered\"",
                        "\"detail\":\"undelivered_to_recipient\"",
                        "\"errorCode\":15",
                        "\"errorMessage\":\"Invalid destination\"");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> http.get()
                        .uri("/sandbox/sms/receipts")
                        .exchange()
                        .expectBody()
                        .jsonPath("$[?(@.umid == '" + umid + "')].outcome")
                        .isEqualTo("delivered")
                        .jsonPath("$[?(@.umid == '" + umid + "')].attempts[*].status")
                        .value(statuses -> assertThat(statuses.toString()).isEqualTo("[500,200]")));
    }

    @Test
    void guestsAnswerTheFirstTextByTheirLastDigit() {
        String si = (String)
                accepted(text("+34611000052", "Reply 1 to confirm", "r-2")).get("umid");
        accepted(text("+34611000053", "Reply 1 to confirm", "r-3"));
        accepted(text("+34611000054", "Reply 1 to confirm", "r-4"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> webhooksWith("/mo", "\"source\":\"+34611000052\"").size() == 1
                        && webhooksWith("/mo", "\"source\":\"+34611000053\"").size() == 1);
        Webhook yes = webhooksWith("/mo", "\"source\":\"+34611000052\"").get(0);
        assertThat(yes.authorization()).isEqualTo("portal-sms-secret");
        assertThat(yes.body())
                .contains(
                        "\"namespace\":\"SMS\"",
                        "\"eventType\":\"inbound_message_received\"",
                        "\"description\":\"SMS inbound message\"",
                        "\"subAccountId\":\"luigis_sms\"",
                        "\"destination\":\"+34910000099\"",
                        "\"body\":\"si\"",
                        "\"encoding\":\"GSM7\"",
                        "\"smsCount\":1",
                        "\"timestamp\":",
                        "\"price\":")
                .doesNotContain(si);
        assertThat(webhooksWith("/mo", "\"source\":\"+34611000053\"").get(0).body())
                .contains("\"body\":\"STOP\"");

        // The acknowledgement is not answered again, and the silent guest never answers.
        accepted(text("+34611000052", "Thanks, confirmed", "r-2-ack"));
        assertThat(sandboxTexts("+34611000052")).extracting(t -> t.get("reply")).containsExactly("si", null);
        assertThat(sandboxTexts("+34611000054")).extracting(t -> t.get("reply")).containsExactly((Object) null);
    }

    @Test
    void aTextInjectedAsAPersonWouldGoesToTheMoWebhookOfTheNumbersSubaccount() {
        Map<String, Object> injected = http.post()
                .uri("/sandbox/sms")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "+34611000061", "to", "+34910000098", "body", "¿Puedo ir a las 9?"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(injected).containsEntry("subAccountId", "luigis_promo");
        String umid = (String) injected.get("umid");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> !webhooksWith("/mo", umid).isEmpty());
        assertThat(webhooksWith("/mo", umid).get(0).body())
                .contains(
                        "\"source\":\"+34611000061\"",
                        "\"destination\":\"+34910000098\"",
                        "\"subAccountId\":\"luigis_promo\"",
                        "\"body\":\"¿Puedo ir a las 9?\"");

        http.post()
                .uri("/sandbox/sms")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "guest", "to", "+34910000098", "body", "hi"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.post()
                .uri("/sandbox/sms")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "+34611000061", "to", "+34910000001", "body", "hi"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void aNumberSetToFailOnceIsRefusedOnceWithRetryAfterThenAcceptedOnTheRetry() {
        http.put()
                .uri("/sandbox/sms/guests/+34611000071")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"behaviour\": \"THROTTLED_ONCE\"}")
                .exchange()
                .expectStatus()
                .isOk();
        send(text("+34611000071", "Hi", "t-1"))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.code")
                .exists()
                .jsonPath("$.errorId")
                .exists();
        Map<String, Object> retried = accepted(text("+34611000071", "Hi", "t-1"));
        assertThat(retried.get("status"))
                .isEqualTo(Map.of("code", "QUEUED", "description", "SMS is accepted and queued for processing"));

        http.put()
                .uri("/sandbox/sms/guests/+34611000072")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"behaviour\": \"UNAVAILABLE_ONCE\"}")
                .exchange()
                .expectStatus()
                .isOk();
        send(text("+34611000072", "Hi", "t-2")).expectStatus().isEqualTo(503);
        accepted(text("+34611000072", "Hi", "t-2"));
        assertThat(sandboxTexts("+34611000071")).hasSize(1);
        assertThat(sandboxTexts("+34611000072")).hasSize(1);
    }

    WebTestClient.ResponseSpec registerSms(String account, String key, String body) {
        return http.post()
                .uri("/api/v1/accounts/" + account + "/webhooks")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void smsWebhooksRegisteredPerAccountReceiveTheSubaccountsTextsWithTheirAuthorization() {
        String base = "http://127.0.0.1:" + receiver.port();
        String both = """
                [{"subAccountId": "*", "type": "DR", "url": "%1$s/b-dr", "httpAuthorization": "Bearer b-dr", "enabled": true},
                 {"subAccountId": "other_sms", "type": "MO", "url": "%1$s/b-mo", "httpAuthorization": "Bearer b-mo"}]""".formatted(base);
        refused(registerSms(OTHER_SMS_ACCOUNT, "sms-key-1", both), 401, 1200);
        refused(registerSms("not-an-account", "sms-key-2", both), 400, 1000);
        refused(
                registerSms(OTHER_SMS_ACCOUNT, "sms-key-2", "{\"subAccountId\": \"*\", \"url\": \"" + base + "/x\"}"),
                400,
                1000);
        refused(
                registerSms(
                        OTHER_SMS_ACCOUNT,
                        "sms-key-2",
                        "[{\"subAccountId\": \"luigis_sms\", \"type\": \"DR\", " + "\"url\": \"" + base + "/x\"}]"),
                400,
                1001);
        refused(
                registerSms(
                        OTHER_SMS_ACCOUNT,
                        "sms-key-2",
                        "[{\"subAccountId\": \"*\", \"type\": \"XX\", " + "\"url\": \"" + base + "/x\"}]"),
                400,
                1000);
        refused(
                registerSms(OTHER_SMS_ACCOUNT, "sms-key-2", "[{\"subAccountId\": \"*\", \"url\": \"ftp://x/y\"}]"),
                400,
                1000);

        registerSms(OTHER_SMS_ACCOUNT, "sms-key-2", both).expectStatus().isOk();
        http.get()
                .uri("/api/v1/accounts/" + OTHER_SMS_ACCOUNT + "/webhooks")
                .header("Authorization", "Bearer sms-key-2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].subAccountId")
                .isEqualTo("*")
                .jsonPath("$[0].type")
                .isEqualTo("DR")
                .jsonPath("$[0].httpAuthorization")
                .isEqualTo("***")
                .jsonPath("$[0].enabled")
                .isEqualTo(true)
                .jsonPath("$[1].subAccountId")
                .isEqualTo("other_sms")
                .jsonPath("$[1].type")
                .isEqualTo("MO");

        // A text of the account's subaccount: its receipt by the "*" webhook, the guest's "si" by the MO one.
        String umid = (String) send("other_sms", "sms-key-2", """
                {"destination": "+34611000082", "source": "+34910000097", "text": "Reply 1 to confirm"}""")
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody()
                .get("umid");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> !webhooksWith("/b-dr", umid).isEmpty()
                        && !webhooksWith("/b-mo", "+34611000082").isEmpty());
        assertThat(webhooksWith("/b-dr", umid).get(0).authorization()).isEqualTo("Bearer b-dr");
        Webhook reply = webhooksWith("/b-mo", "+34611000082").get(0);
        assertThat(reply.authorization()).isEqualTo("Bearer b-mo");
        assertThat(reply.body())
                .contains("\"subAccountId\":\"other_sms\"", "\"destination\":\"+34910000097\"", "\"body\":\"si\"");
        http.get()
                .uri("/sandbox/sms/webhook-registrations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.accountId == '" + OTHER_SMS_ACCOUNT + "' && @.method == 'POST')].authorization")
                .value(keys -> assertThat(keys.toString()).contains("Bearer sms-key-2"));

        http.method(org.springframework.http.HttpMethod.DELETE)
                .uri("/api/v1/accounts/" + OTHER_SMS_ACCOUNT + "/webhooks")
                .header("Authorization", "Bearer sms-key-2")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"subAccountId\": \"*\", \"type\": \"DR\"}]")
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/api/v1/accounts/" + OTHER_SMS_ACCOUNT + "/webhooks")
                .header("Authorization", "Bearer sms-key-2")
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].type")
                .isEqualTo("MO");
        // With no DR webhook left (and none set in the portal), a receipt goes nowhere and is listed so.
        String unsent = (String) send("other_sms", "sms-key-2", """
                {"destination": "+34611000085", "source": "+34910000097", "text": "Hi"}""")
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody()
                .get("umid");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> http.get()
                        .uri("/sandbox/sms/receipts")
                        .exchange()
                        .expectBody()
                        .jsonPath("$[?(@.umid == '" + unsent + "')].outcome")
                        .isEqualTo("no-webhook"));
    }
}
