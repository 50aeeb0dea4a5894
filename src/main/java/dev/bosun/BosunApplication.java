package dev.bosun;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Bosun server: the Camunda engine, the workers that drive agents, and the REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BosunApplication {

    public static void main(String[] args) {
        // bosun.repository may be a relative path such as target/demo; H2 refuses those in a URL
        // unless told that relative means relative to the working directory.
        System.setProperty("h2.implicitRelativePath", System.getProperty("h2.implicitRelativePath", "true"));
        SpringApplication.run(BosunApplication.class, args);
    }
}
