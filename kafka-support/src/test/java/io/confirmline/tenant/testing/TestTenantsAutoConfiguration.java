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
    TestTenantPublisher testTenantPublisher(KafkaProperties kafka, ConfirmLineKafkaProperties confirmLine,
            TenantDirectoryProperties directory, SecretsCipher cipher, Environment environment) {
        List<TenantSettings> declared = Binder.get(environment)
                .bind("confirmline.tenants", Bindable.listOf(TenantSettings.class)).orElse(List.of());
        return new TestTenantPublisher(kafka, confirmLine, directory, cipher, declared);
    }
}
