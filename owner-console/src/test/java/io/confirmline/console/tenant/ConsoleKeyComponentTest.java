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
package io.confirmline.console.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.console.BackendStandIn;
import io.confirmline.console.ConsoleContext;
import io.confirmline.console.backend.BackendException;
import io.confirmline.console.backend.OrchestratorClient;
import io.confirmline.events.TenantConfigured;
import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.TenantDirectoryProperties;
import io.confirmline.tenant.TenantRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The console key: every tenant has one, the services can accept it from {@code tenants.v1} (a platform key's
 * digest named {@code console}), its value is on no topic and in no admin answer, and the console's clients
 * present it.
 */
class ConsoleKeyComponentTest extends ConsoleContext {

    static TenantTopicLog topic;

    @Autowired
    TenantService tenants;

    @Autowired
    SecretsCipher cipher;

    @Autowired
    TenantDirectoryProperties directory;

    @Autowired
    OrchestratorClient orchestrator;

    @BeforeEach
    void setUp() {
        if (topic == null) {
            topic = new TenantTopicLog(directory.topic());
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void aNewTenantsConsoleKeyIsAcceptedFromTheTopicButNeverShownNorPublishedInClear() {
        String id = TenantRegistryComponentTest.freshId();
        admin().post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(newTenant(id))
                .exchange()
                .expectStatus()
                .isCreated();
        String key = tenants.consoleKey(id).block(Duration.ofSeconds(10)).orElseThrow();
        assertThat(key).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes, base64url

        TenantConfigured event = TenantRegistryComponentTest.await(topic, id, e -> true);
        assertThat(event.getPlatformApiKeys()).extracting(k -> k.getId()).contains(TenantSecrets.CONSOLE_KEY_NAME);
        assertThat(TenantRecords.toTenant(event, cipher).acceptsPlatformKey(key))
                .isTrue();
        topic.of(id)
                .forEach(entry -> assertThat(new String(entry.value(), StandardCharsets.ISO_8859_1))
                        .doesNotContain(key));

        String secretId = db.sql("SELECT id FROM tenant_secret WHERE tenant_id = :id AND kind = 'console-key'")
                .bind("id", id)
                .map(row -> row.get("id", String.class))
                .one()
                .block();
        String shown = admin().get()
                .uri("/api/admin/tenants/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(shown).doesNotContain(key, secretId, "console");
        admin().post()
                .uri("/api/admin/tenants/{id}/secrets/console-key", id)
                .exchange()
                .expectStatus()
                .isNotFound();
        admin().delete()
                .uri("/api/admin/tenants/{id}/secrets/console-key/{secret}", id, secretId)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aTenantWithoutAConsoleKeyGetsOneOnceAndPublishesIt() {
        String id = TenantRegistryComponentTest.freshId();
        admin().post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(newTenant(id))
                .exchange()
                .expectStatus()
                .isCreated();
        // As a tenant from before console keys was.
        db.sql("DELETE FROM tenant_secret WHERE tenant_id = :id AND kind = 'console-key'")
                .bind("id", id)
                .then()
                .block();
        long before = TenantRegistryComponentTest.await(topic, id, e -> true).getRevision();

        assertThat(tenants.ensureConsoleKey(id, TenantService.Actor.startup()).block())
                .isTrue();
        assertThat(tenants.ensureConsoleKey(id, TenantService.Actor.startup()).block())
                .isFalse();

        String key = tenants.consoleKey(id).block().orElseThrow();
        TenantConfigured event = TenantRegistryComponentTest.await(topic, id, e -> e.getRevision() > before);
        assertThat(TenantRecords.toTenant(event, cipher).acceptsPlatformKey(key))
                .isTrue();
        assertThat(db.sql("SELECT count(*) AS n FROM tenant_secret WHERE tenant_id = :id AND kind = 'console-key'")
                        .bind("id", id)
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isEqualTo(1L);
    }

    static Map<String, Object> newTenant(String id) {
        Map<String, Object> body = TenantRegistryComponentTest.tenant(id);
        body.put("apiKey", "plain-8x8-key-" + id);
        return body;
    }

    @Test
    void theTenantsFromStartHaveTheirKeys() {
        for (String id : List.of("alpha", "bravo")) {
            String key = tenants.consoleKey(id).block().orElseThrow();
            TenantConfigured event = TenantRegistryComponentTest.await(
                    topic, id, e -> TenantRecords.toTenant(e, cipher).acceptsPlatformKey(key));
            assertThat(event.getPlatformApiKeys()).extracting(k -> k.getId()).contains("console");
        }
    }

    @Test
    void theOrchestratorClientPresentsTheTenantsKeyAndPassesOnARefusal() throws Exception {
        String phone = "+3461" + (1_000_000 + (int) (Math.random() * 8_999_999));
        String key = tenants.consoleKey("alpha").block().orElseThrow();

        OrchestratorClient.QueuedText queued =
                orchestrator.sendText("alpha", phone, "Your table is ready").block();
        assertThat(queued.delivery()).isEqualTo("PENDING");
        BackendStandIn.Request request = BackendStandIn.ORCHESTRATOR
                .requestsTo("POST", "/api/conversations/" + phone + "/messages")
                .get(0);
        assertThat(request.authorization()).isEqualTo("Bearer " + key);
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.body()).isEqualTo("{\"body\":\"Your table is ready\"}");

        BackendStandIn.ORCHESTRATOR.answer(
                "POST",
                "/api/conversations/" + phone + "/messages",
                BackendStandIn.Answer.problem(409, "The guest opted out: no text can be sent to them"));
        assertThatThrownBy(() ->
                        orchestrator.sendText("alpha", phone, "Hello again").block())
                .isInstanceOfSatisfying(BackendException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("The guest opted out: no text can be sent to them");
                    assertThat(e.unavailable()).isFalse();
                });
        // Another tenant's key for another tenant's request.
        orchestrator.takeOver("bravo", phone).block();
        assertThat(BackendStandIn.ORCHESTRATOR.requestsTo("POST", "/api/conversations/" + phone + "/takeover"))
                .extracting(BackendStandIn.Request::authorization)
                .containsExactly("Bearer " + tenants.consoleKey("bravo").block().orElseThrow());
    }
}
