package io.confirmline.orchestrator;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Owns bookings, the durable call schedule and call sessions; places calls through the 8x8 Callflows API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CallOrchestratorApplication {

    /** The orchestrator's notion of now; a bean so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(CallOrchestratorApplication.class, args);
    }
}
