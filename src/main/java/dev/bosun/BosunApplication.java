package dev.bosun;

import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import dev.bosun.cli.BosunCli;

/** The Bosun server: the Camunda engine, the workers that drive agents, and the REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BosunApplication {

    /** Static: a bean-factory post-processor must not wait for this class's instance. */
    @Bean
    static PrivateFolders privateFolders() {
        return new PrivateFolders();
    }

    /**
     * One jar, two programs: {@code java -jar bosun.jar validate} (a word first, or --help) is the
     * {@code bosun} command line; no arguments or only {@code --property=value} ones start the server.
     */
    public static void main(String[] args) {
        if (isCommandLine(args)) {
            BosunCli.main(args);
            return;
        }
        SpringApplication.run(BosunApplication.class, args);
    }

    static boolean isCommandLine(String[] args) {
        return args.length > 0
                && (!args[0].startsWith("-")
                        || Set.of("-h", "--help", "-V", "--version").contains(args[0]));
    }
}
