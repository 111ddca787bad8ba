package io.confirmline.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The authority for tenants and their people (design.md §10.1): the tenant admin API, the users and their login,
 * and {@code tenants.v1}, which every other service follows.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OwnerConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(OwnerConsoleApplication.class, args);
    }
}
