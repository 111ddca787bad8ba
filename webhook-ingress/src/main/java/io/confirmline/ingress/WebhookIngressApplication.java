package io.confirmline.ingress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Receives 8x8's in-call (VCA) and end-of-call (VSS) webhooks, answers 8x8 at once and publishes Avro events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhookIngressApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebhookIngressApplication.class, args);
    }
}
