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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.OwnerConsoleApplication;
import io.confirmline.events.TenantConfigured;
import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.SecretsProperties;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestPostgres;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * docs/operations.md's secrets-key rotation, as an operator does it: the console restarted with a new key (the old
 * one as a previous key) seals every stored secret again under the new key and republishes the tenants, so that
 * after that start nothing needs the old key; started again without it, it changes and publishes nothing.
 */
@Tag("long") // starts whole applications of its own (several instances, restarts): run by .ci/run after verify
// (README "Tests")
class SecretsKeyRotationComponentTest {

    static final String API_KEY = "plain-rotating-8x8-key";
    static final String SIGNING_SECRET =
            "whsec_" + Base64.getEncoder().encodeToString("plain-rotating-signing".getBytes(UTF_8));

    @Test
    void secretsSealedUnderAnOldKeyAreSealedAgainUnderTheNewOneAndRepublishedAtStart() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        String topic = "tenants.v1.test-" + UUID.randomUUID();
        String oldKey = key("k1");
        String newKey = key("k2");
        Map<String, String> settings = settings(database, topic);

        try (TenantTopicLog log = new TenantTopicLog(topic)) {
            Map<String, String> first = new LinkedHashMap<>(settings);
            first.put("confirmline.secrets.key", oldKey);
            long before;
            try (ConfigurableApplicationContext console = start(first)) {
                TenantConfigured imported = TenantRegistryComponentTest.await(log, "rotating", e -> e != null);
                assertThat(imported.getEightByEight().getApiKey().getKeyId()).isEqualTo("k1");
                before = imported.getRevision();
            }

            Map<String, String> rotated = new LinkedHashMap<>(settings);
            rotated.put("confirmline.secrets.key", newKey);
            rotated.put("confirmline.secrets.previous-keys[0]", oldKey);
            try (ConfigurableApplicationContext console = start(rotated)) {
                TenantConfigured resealed =
                        TenantRegistryComponentTest.await(log, "rotating", e -> e != null && e.getRevision() > before);
                assertThat(resealed.getEightByEight().getApiKey().getKeyId()).isEqualTo("k2");
                assertThat(resealed.getSigningSecrets())
                        .extracting(s -> s.getKeyId())
                        .containsOnly("k2");
                // A service holding only the new key reads it: the old key can go.
                Tenant tenant =
                        TenantRecords.toTenant(resealed, SecretsCipher.from(new SecretsProperties(newKey, List.of())));
                assertThat(tenant.account().apiKey().value()).isEqualTo(API_KEY);
                assertThat(tenant.signingSecrets()).extracting(s -> s.value()).containsExactly(SIGNING_SECRET);
                List<String> keyIds = console.getBean(DatabaseClient.class)
                        .sql("SELECT key_id FROM tenant_secret WHERE key_id IS NOT NULL")
                        .map(row -> row.get("key_id", String.class))
                        .all()
                        .collectList()
                        .block();
                assertThat(keyIds).hasSize(3).containsOnly("k2"); // the API key, the signing secret, the console key
            }

            Map<String, String> withoutOldKey = new LinkedHashMap<>(settings);
            withoutOldKey.put("confirmline.secrets.key", newKey);
            int records = log.of("rotating").size();
            try (ConfigurableApplicationContext console = start(withoutOldKey)) {
                long outbox = console.getBean(DatabaseClient.class)
                        .sql("SELECT count(*) AS n FROM outbox")
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block();
                assertThat(outbox).isEqualTo(records);
            }
        }
    }

    /**
     * The local stack starts a new broker each run while the console keeps its database: a tenant topic with no
     * record at all gets every tenant again at start (same revision: nothing changed), and a topic with records is
     * left alone.
     */
    @Test
    void aTenantTopicWithoutRecordsGetsEveryTenantAgainAtStartAndOneWithRecordsIsLeftAlone() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        String firstBroker = "tenants.v1.test-" + UUID.randomUUID();
        String secondBroker = "tenants.v1.test-" + UUID.randomUUID();
        Map<String, String> settings = settings(database, firstBroker);
        settings.put("confirmline.secrets.key", key("k1"));
        long revision;
        try (TenantTopicLog log = new TenantTopicLog(firstBroker);
                ConfigurableApplicationContext console = start(settings)) {
            revision = TenantRegistryComponentTest.await(log, "rotating", e -> e != null)
                    .getRevision();
        }

        settings.put("confirmline.tenant-directory.topic", secondBroker);
        try (TenantTopicLog log = new TenantTopicLog(secondBroker)) {
            try (ConfigurableApplicationContext console = start(settings)) {
                TenantConfigured again = TenantRegistryComponentTest.await(log, "rotating", e -> e != null);
                assertThat(again.getRevision()).isEqualTo(revision);
                Tenant tenant = TenantRecords.toTenant(
                        again,
                        SecretsCipher.from(new SecretsProperties(settings.get("confirmline.secrets.key"), List.of())));
                assertThat(tenant.account().apiKey().value()).isEqualTo(API_KEY);
            }
            long outboxRows;
            try (ConfigurableApplicationContext console = start(settings)) {
                outboxRows = console.getBean(DatabaseClient.class)
                        .sql("SELECT count(*) AS n FROM outbox")
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block();
            }
            assertThat(outboxRows)
                    .as("the import and the one republication; nothing on the third start")
                    .isEqualTo(2);
        }
    }

    static ConfigurableApplicationContext start(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(OwnerConsoleApplication.class).run(args.toArray(String[]::new));
    }

    static Map<String, String> settings(TestPostgres.Database database, String topic) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        settings.put("confirmline.kafka.registry-url", RegistryServer.shared().apiUrl());
        settings.put("spring.r2dbc.url", database.r2dbcUrl());
        settings.put("spring.r2dbc.username", database.username());
        settings.put("spring.r2dbc.password", database.password() == null ? "" : database.password());
        settings.put("spring.flyway.url", database.jdbcUrl());
        settings.put("spring.flyway.user", database.username());
        settings.put("spring.flyway.password", database.password() == null ? "" : database.password());
        settings.put("confirmline.tenant-directory.topic", topic);
        settings.put("confirmline.console.outbox.poll-interval", "50ms");
        settings.put("confirmline.tenants[0].id", "rotating");
        settings.put("confirmline.tenants[0].subaccount-id", "rotating_voice");
        settings.put("confirmline.tenants[0].api-key", API_KEY);
        settings.put("confirmline.tenants[0].caller-id", "+34910000000");
        settings.put("confirmline.tenants[0].callback-url", "https://platform.example/hooks/rotating");
        settings.put("confirmline.tenants[0].signing-secrets", SIGNING_SECRET);
        return settings;
    }

    static String key(String id) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }
}
