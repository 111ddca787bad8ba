package io.confirmline.console.alert;

import io.confirmline.background.PollingLoop;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the owner alerts' loop with the application. */
@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

    @Bean
    PollingLoop ownerAlertLoop(OwnerAlerts alerts, AlertProperties properties) {
        return new PollingLoop("owner-alerts", alerts::runOnce, properties.pollInterval());
    }
}
