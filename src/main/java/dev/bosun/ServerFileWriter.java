package dev.bosun;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Announces this server in the repository's {@code .bosun/server.json} while it runs. */
@Component
class ServerFileWriter {

    private final BosunProperties properties;
    private final Environment environment;
    private final long pid = ProcessHandle.current().pid();

    ServerFileWriter(BosunProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String host = environment.getProperty("server.address", "127.0.0.1");
        if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        String url = "http://" + host + ":" + environment.getProperty("local.server.port", "8080");
        ServerFile.write(
                ServerFile.path(properties.repository()),
                new ServerFile.Contents(
                        pid,
                        url,
                        properties.repository().toString(),
                        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        properties.stop().turnGrace().toSeconds()));
    }

    @PreDestroy
    void withdraw() {
        ServerFile.removeIfOwnedBy(ServerFile.path(properties.repository()), pid);
    }
}
