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
package io.confirmline.ingress;

import static io.confirmline.ingress.IngressTestSupport.CLINIC_AUTH;
import static io.confirmline.ingress.IngressTestSupport.CLINIC_SMS_NUMBER;
import static io.confirmline.ingress.IngressTestSupport.LUIGIS_AUTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.SmsReceived;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.events.Topics;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** 8x8's SMS webhooks (MO and DR) over HTTP in their documented formats, onto the real broker. */
class SmsWebhooksComponentTest extends IngressComponentContext {

    static final String INBOUND = "/webhooks/8x8/sms/inbound";
    static final String RECEIPTS = "/webhooks/8x8/sms/receipts";
    static final String GUEST = "+6581968289";

    static KafkaConsumer<String, SmsReceived> texts;
    static KafkaConsumer<String, SmsStatusReceived> receipts;

    @BeforeAll
    static void consumers() {
        texts = IngressTestSupport.consumer(
                SharedKafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.SMS_INBOUND.name());
        receipts = IngressTestSupport.consumer(
                SharedKafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.SMS_RECEIPTS.name());
    }

    @AfterAll
    static void close() {
        texts.close();
        receipts.close();
    }

    @Autowired
    WebTestClient http;

    @Test
    void aGuestsTextIsAnswered200AndPublishedKeyedByTheirConversation() {
        String umid = UUID.randomUUID().toString();

        post(INBOUND, LUIGIS_AUTH, mo(umid)).expectStatus().isOk().expectBody().json("{\"status\":\"ok\"}");

        ConsumerRecord<String, SmsReceived> record = IngressTestSupport.await(
                        texts, r -> r.value().getUmid().equals(umid), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(record.key()).isEqualTo("luigis:" + GUEST);
        SmsReceived text = record.value();
        assertThat(text.getEventId()).isEqualTo(umid);
        assertThat(text.getTenantId()).isEqualTo("luigis");
        assertThat(text.getFrom()).isEqualTo(GUEST);
        assertThat(text.getTo()).isEqualTo(IngressTestSupport.LUIGIS_SMS_NUMBER);
        assertThat(text.getBody()).isEqualTo("Test MO message");
        assertThat(text.getEncoding()).isEqualTo("GSM7");
        assertThat(text.getSmsCount()).isEqualTo(2);
        assertThat(text.getSubAccountId()).isEqualTo("SubAccount-1");
        assertThat(text.getSentAt()).isEqualTo(Instant.parse("2016-01-01T14:34:56.017Z"));
        assertThat(text.getReceivedAt()).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void numbersWithoutThePlusAreReadAsE164() {
        String umid = UUID.randomUUID().toString();
        String body = Fixtures.text("sms-mo.json")
                .replace("9e09ac86-bd74-5465-851d-1eb5a5fdbb9a", umid)
                .replace("\"+6581968289\"", "\"6581968289\"")
                .replace("\"+4534735477\"", "\"4534735477\"");

        post(INBOUND, LUIGIS_AUTH, body.getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isOk();

        ConsumerRecord<String, SmsReceived> record = IngressTestSupport.await(
                        texts, r -> r.value().getUmid().equals(umid), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(record.key()).isEqualTo("luigis:" + GUEST);
        assertThat(record.value().getTo()).isEqualTo(IngressTestSupport.LUIGIS_SMS_NUMBER);
    }

    @Test
    void aDeliveryReceiptWithItsPriceIsPublishedKeyedByUmid() {
        String umid = UUID.randomUUID().toString();
        byte[] body = Fixtures.text("sms-dr.json")
                .replace("bda3d56d-1424-e711-813c-06ed3428fe67", umid)
                .replace("\"undelivered\"", "\"UNDELIVERED\"")
                .getBytes(StandardCharsets.UTF_8);

        post(RECEIPTS, LUIGIS_AUTH, body).expectStatus().isOk().expectBody().json("{\"status\":\"ok\"}");

        ConsumerRecord<String, SmsStatusReceived> record = IngressTestSupport.await(
                        receipts, r -> r.key().equals(umid), 1, Duration.ofSeconds(30))
                .get(0);
        SmsStatusReceived receipt = record.value();
        assertThat(receipt.getUmid()).isEqualTo(umid);
        assertThat(receipt.getEventId())
                .isEqualTo(UUID.nameUUIDFromBytes(
                                (umid + "|undelivered|2016-01-01T00:00:00Z").getBytes(StandardCharsets.UTF_8))
                        .toString());
        assertThat(receipt.getTenantId()).isEqualTo("luigis");
        assertThat(receipt.getState()).as("lower-cased").isEqualTo("undelivered");
        assertThat(receipt.getDetail()).isEqualTo("rejected_by_operator");
        assertThat(receipt.getErrorCode()).isEqualTo(15);
        assertThat(receipt.getErrorMessage()).isEqualTo("Invalid destination");
        assertThat(receipt.getStatusAt()).isEqualTo(Instant.parse("2016-01-01T00:00:00Z"));
        assertThat(receipt.getPriceTotal()).isEqualTo(0.0375);
        assertThat(receipt.getPricePerSms()).isEqualTo(0.0125);
        assertThat(receipt.getCurrency()).isEqualTo("USD");
        assertThat(receipt.getSmsCount()).isEqualTo(3);
        assertThat(receipt.getClientMessageId()).isEqualTo("booking-4821-sms");
    }

    @Test
    void theSameTextDeliveredThreeTimesIsAnswered200EachTimeAndPublishedOnce() {
        String umid = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            post(INBOUND, LUIGIS_AUTH, mo(umid)).expectStatus().isOk();
        }
        // The guest's next text goes to the same partition after the first: once it is there, a second copy of the
        // first would be too.
        String next = UUID.randomUUID().toString();
        post(INBOUND, LUIGIS_AUTH, mo(next)).expectStatus().isOk();

        List<ConsumerRecord<String, SmsReceived>> records = IngressTestSupport.await(
                texts,
                r -> r.value().getUmid().equals(umid) || r.value().getUmid().equals(next),
                2,
                Duration.ofSeconds(30));
        assertThat(records).extracting(r -> r.value().getUmid()).containsExactly(umid, next);
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("outcome=\"duplicate\",type=\"inbound_message_received\"}"));
    }

    @Test
    void aWrongTokenIs401() {
        for (String authorization : new String[] {null, "Bearer wrong", LUIGIS_AUTH + "x"}) {
            assertProblem(post(INBOUND, authorization, mo(UUID.randomUUID().toString())), 401, "Authorization");
            assertProblem(post(RECEIPTS, authorization, dr(UUID.randomUUID().toString())), 401, "Authorization");
        }
    }

    @Test
    void anotherTenantsTokenIs401() {
        // Clinic's token, Luigi's number.
        assertProblem(post(INBOUND, CLINIC_AUTH, mo(UUID.randomUUID().toString())), 401, "payload.destination");
        assertProblem(post(RECEIPTS, CLINIC_AUTH, dr(UUID.randomUUID().toString())), 401, "payload.source");
        // Luigi's token, Clinic's number.
        byte[] toClinic = Fixtures.text("sms-mo.json")
                .replace(IngressTestSupport.LUIGIS_SMS_NUMBER, CLINIC_SMS_NUMBER)
                .replace("SubAccount-1", "*")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(post(INBOUND, LUIGIS_AUTH, toClinic), 401, "payload.destination");
    }

    @Test
    void aForeignSubaccountIs403AndTheTenantsOwnOrTheWildcardAreTaken() {
        assertProblem(
                post(INBOUND, LUIGIS_AUTH, withSubaccount(mo(UUID.randomUUID().toString()), "clinic_sms")),
                403,
                "payload.subAccountId");
        assertProblem(
                post(RECEIPTS, LUIGIS_AUTH, withSubaccount(dr(UUID.randomUUID().toString()), "someone_else")),
                403,
                "payload.subAccountId");
        for (String subaccount : List.of("*", "luigis_voice", "SubAccount-1")) {
            post(INBOUND, LUIGIS_AUTH, withSubaccount(mo(UUID.randomUUID().toString()), subaccount))
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void whatLacksAUmidANumberABodyOrAStateIs400ProblemJson() {
        String umid = UUID.randomUUID().toString();
        assertProblem(
                post(INBOUND, LUIGIS_AUTH, without(mo(umid), "\"body\": \"Test MO message\",")),
                400,
                "payload.body is required");
        assertProblem(
                post(INBOUND, LUIGIS_AUTH, without(mo(umid), "\"umid\": \"" + umid + "\",")),
                400,
                "payload.umid is required");
        assertProblem(
                post(INBOUND, LUIGIS_AUTH, without(mo(umid), "\"source\": \"+6581968289\",")),
                400,
                "payload.source is required");
        assertProblem(
                post(RECEIPTS, LUIGIS_AUTH, without(dr(umid), "\"destination\": \"+12025550293\",")),
                400,
                "payload.destination is required");
        assertProblem(
                post(RECEIPTS, LUIGIS_AUTH, without(dr(umid), "\"state\": \"undelivered\",")),
                400,
                "payload.status.state is required");
        assertProblem(
                post(INBOUND, LUIGIS_AUTH, "{\"payload\": [1]}".getBytes(StandardCharsets.UTF_8)),
                400,
                "payload is required");
    }

    @Test
    void bodiesOver64KiBAre413() {
        String padding = "x".repeat(70 * 1024);
        byte[] body =
                Fixtures.text("sms-mo.json").replace("Test MO message", padding).getBytes(StandardCharsets.UTF_8);
        assertProblem(post(INBOUND, LUIGIS_AUTH, body), 413, "limited to 65536 bytes");
    }

    @Test
    void anEventTypeTheEndpointDoesNotTakeIsAnswered200AndNotPublished() {
        String umid = UUID.randomUUID().toString();
        // A receipt posted to the inbound URL, as a registration mix-up would.
        post(INBOUND, LUIGIS_AUTH, dr(umid)).expectStatus().isOk().expectBody().json("{\"status\":\"ignored\"}");
        String next = UUID.randomUUID().toString();
        post(INBOUND, LUIGIS_AUTH, mo(next)).expectStatus().isOk();

        List<ConsumerRecord<String, SmsReceived>> records = IngressTestSupport.await(
                texts,
                r -> r.value().getUmid().equals(umid) || r.value().getUmid().equals(next),
                1,
                Duration.ofSeconds(30));
        assertThat(records).extracting(r -> r.value().getUmid()).containsExactly(next);
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(body ->
                        assertThat(body).contains("outcome=\"ignored\",type=\"outbound_message_status_changed\"}"));
    }

    private static byte[] mo(String umid) {
        return Fixtures.text("sms-mo.json")
                .replace("9e09ac86-bd74-5465-851d-1eb5a5fdbb9a", umid)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] dr(String umid) {
        return Fixtures.text("sms-dr.json")
                .replace("bda3d56d-1424-e711-813c-06ed3428fe67", umid)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withSubaccount(byte[] body, String subaccount) {
        return new String(body, StandardCharsets.UTF_8)
                .replace("\"SubAccount-1\"", "\"" + subaccount + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] without(byte[] body, String field) {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).contains(field);
        return text.replace(field, "").getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec post(String path, String authorization, byte[] body) {
        WebTestClient.RequestBodySpec request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.bodyValue(body).exchange();
    }

    private static void assertProblem(WebTestClient.ResponseSpec response, int status, String reason) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(reason));
    }
}
