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
package io.confirmline.tenant.testing;

import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.TenantDirectoryProperties;
import io.confirmline.tenant.TenantSettings;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Registers {@link TestTenantPublisher} in test contexts of services that follow {@code tenants.v1}. */
@AutoConfiguration
@ConditionalOnProperty(name = "confirmline.tenant-directory.enabled", havingValue = "true")
public class TestTenantsAutoConfiguration {

    @Bean(destroyMethod = "close")
    TestTenantPublisher testTenantPublisher(
            KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLine,
            TenantDirectoryProperties directory,
            SecretsCipher cipher,
            Environment environment) {
        List<TenantSettings> declared = Binder.get(environment)
                .bind("confirmline.tenants", Bindable.listOf(TenantSettings.class))
                .orElse(List.of());
        return new TestTenantPublisher(kafka, confirmLine, directory, cipher, declared);
    }
}
