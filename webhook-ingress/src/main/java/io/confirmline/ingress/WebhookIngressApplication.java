package io.confirmline.ingress;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Receives 8x8's in-call (VCA) and end-of-call (VSS) webhooks, answers 8x8 at once and publishes Avro events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhookIngressApplication {

    /** The ingress's notion of now; a bean so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(WebhookIngressApplication.class, args);
    }
}
