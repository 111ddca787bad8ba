package io.confirmline.sandbox.eightbyeight;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A local 8x8 Voice API for development, demos and end-to-end tests (no 8x8 account needed). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EightByEightSandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(EightByEightSandboxApplication.class, args);
    }
}
