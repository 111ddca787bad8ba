package io.confirmline.sandbox.platform;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** A local booking platform for development, demos and end-to-end tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlatformSandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlatformSandboxApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
