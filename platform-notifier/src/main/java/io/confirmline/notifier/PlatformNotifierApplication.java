package io.confirmline.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Delivers every call status change to the tenant's platform endpoint: signed, in order, retried, never lost. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlatformNotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlatformNotifierApplication.class, args);
    }
}
