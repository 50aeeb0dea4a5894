package dev.bosun;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import dev.bosun.cli.BosunCli;
import dev.bosun.preflight.ServerPreflight;

/** The Bosun server: the Camunda engine, the workers that drive agents, and the REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BosunApplication {

    /** {@code --name=value}: a server setting, the only kind of argument that starts the server. */
    private static final Pattern SETTING = Pattern.compile("--[^=-][^=]*=.*", Pattern.DOTALL);

    /** Static: a bean-factory post-processor must not wait for this class's instance. */
    @Bean
    static PrivateFolders privateFolders() {
        return new PrivateFolders();
    }

    /** Static: runs first, so a missing or non-git {@code bosun.repository} stops start-up before anything is written. */
    @Bean
    static RepositoryFolderCheck repositoryFolderCheck() {
        return new RepositoryFolderCheck();
    }

    /** Static: runs before anything claims a task, so a task never finds its trunk, test program or agent missing. */
    @Bean
    static ServerPreflight serverPreflight() {
        return new ServerPreflight();
    }

    /**
     * One jar, two programs: only {@code --property=value} arguments (what {@code bosun start},
     * the demo's {@code spring-boot:run} and the tests pass) start the server. Everything else is
     * the {@code bosun} command line, no arguments included: a bare {@code bosun} once started a
     * whole team on whatever folder it was typed in; now it prints the usage.
     */
    public static void main(String[] args) {
        if (isCommandLine(args)) {
            BosunCli.main(args);
            return;
        }
        SpringApplication.run(BosunApplication.class, args);
    }

    static boolean isCommandLine(String[] args) {
        return args.length == 0
                || !Arrays.stream(args).allMatch(a -> SETTING.matcher(a).matches());
    }
}
