package io.confirmline.orchestrator.polling;

import io.confirmline.orchestrator.dialing.Dialer;
import io.confirmline.orchestrator.dialing.DialingProperties;
import io.confirmline.orchestrator.outbox.OutboxRelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The orchestrator's background threads: the dialer and the outbox relay. */
@Configuration
class BackgroundWork {

    @Bean
    PollingLoop dialerLoop(Dialer dialer, DialingProperties properties) {
        return new PollingLoop("dialer", dialer::dialOnce, properties.pollInterval());
    }

    @Bean
    PollingLoop outboxRelayLoop(OutboxRelay relay) {
        return new PollingLoop("outbox-relay", relay::relayOnce, Duration.ofMillis(100));
    }
}
