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
package io.confirmline.tenant;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.confirmline.events.TenantConfigured;
import io.confirmline.events.TrustedEventPackages;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * The secrets cipher of every service, and the {@link TenantDirectory} of those that set
 * {@code confirmline.tenant-directory.enabled}.
 */
@AutoConfiguration
@EnableConfigurationProperties({SecretsProperties.class, TenantDirectoryProperties.class})
public class ConfirmLineTenantAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConfirmLineTenantAutoConfiguration.class);

    /** The production profile never gets here on the demo key: ProductionSettingsCheck refuses it first. */
    @Bean
    SecretsCipher secretsCipher(SecretsProperties properties) {
        SecretsCipher cipher = SecretsCipher.from(properties);
        if (cipher.usesDemoKey()) {
            log.warn("CONFIRMLINE_SECRETS_KEY is not set: tenant secrets use the public demo key (local use only)");
        }
        return cipher;
    }

    @Bean
    @ConditionalOnProperty(name = "confirmline.tenant-directory.enabled", havingValue = "true")
    TenantDirectory tenantDirectory(
            KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLine,
            SecretsCipher cipher,
            TenantDirectoryProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        TrustedEventPackages.install();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class);
        config.put("apicurio.registry.url", confirmLine.registryUrl());
        config.put("apicurio.registry.use-specific-avro-reader", true);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-directory-" + java.util.UUID.randomUUID());
        return new TenantDirectory(() -> new KafkaConsumer<String, TenantConfigured>(config), cipher, properties);
    }

    @Bean(name = "tenantsHealthIndicator")
    @ConditionalOnProperty(name = "confirmline.tenant-directory.enabled", havingValue = "true")
    TenantDirectoryHealthIndicator tenantsHealthIndicator(TenantDirectory directory) {
        return new TenantDirectoryHealthIndicator(directory);
    }
}
