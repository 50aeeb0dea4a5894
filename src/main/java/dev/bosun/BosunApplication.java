package dev.bosun;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Bosun server: the Camunda engine, the workers that drive agents, and the REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BosunApplication {

    public static void main(String[] args) {
        SpringApplication.run(BosunApplication.class, args);
    }
}
