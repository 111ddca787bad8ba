package io.confirmline.notifier.retention;

import io.confirmline.background.PollingLoop;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs {@link Retention} on the shared background loop: batch after batch while rows are due, then a pause. */
@Configuration
class RetentionConfiguration {

    @Bean
    PollingLoop retentionLoop(Retention retention, RetentionProperties properties) {
        return new PollingLoop("retention", retention::pruneOnce, properties.interval());
    }
}
