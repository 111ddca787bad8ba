package io.confirmline.orchestrator.dialing;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The 8x8 Send Callflow client, built on Boot's {@link WebClient.Builder} so its requests are measured and traced. */
@Configuration
class DialingConfiguration {

    @Bean
    CallflowsClient callflowsClient(WebClient.Builder http, DialingProperties properties) {
        return new CallflowsClient(http.clone(), new CallflowsClient.Settings(properties.baseUrl(), properties.timeout(),
                properties.retries(), Duration.ofMillis(200)));
    }
}
