package io.confirmline.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Owns bookings, the durable call schedule and call sessions; places calls through the 8x8 Callflows API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CallOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(CallOrchestratorApplication.class, args);
    }
}
