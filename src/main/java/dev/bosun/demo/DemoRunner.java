package dev.bosun.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.board.TaskReadModel;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.security.Credentials;

/**
 * With {@code bosun.demo.enabled=true} (the {@code demo} profile): creates the sample repository
 * if it is missing and, on a database without tasks, starts the demo tasks. It runs before the
 * workers start (they wait for ApplicationReadyEvent) and never waits for async work. The setting
 * is declared in {@link BosunProperties.Demo}; the condition reads the same key so that without it
 * there is no runner at all.
 */
@Component
@ConditionalOnProperty(name = "bosun.demo.enabled", havingValue = "true")
class DemoRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final BosunProperties properties;
    private final TaskLifecycle lifecycle;
    private final TaskReadModel tasks;
    private final Environment environment;
    private final Credentials credentials;

    DemoRunner(
            BosunProperties properties,
            TaskLifecycle lifecycle,
            TaskReadModel tasks,
            Environment environment,
            Credentials credentials) {
        this.properties = properties;
        this.credentials = credentials;
        this.lifecycle = lifecycle;
        this.tasks = tasks;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (SampleRepository.createIfMissing(properties.repository())) {
            log.info("created the demo repository {}", properties.repository());
        }
        if (tasks.all().isEmpty()) {
            DemoTasks.all().forEach(task -> log.info("demo task {} started: {}", lifecycle.start(task), task.title()));
        }
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.info(
                """

                Bosun demo is running on {} (engineers: {}, agent: {})
                  tasks     {}/api/tasks   (Authorization: Bearer <the token in {}>)
                  Tasklist  {}/camunda/app/tasklist/   (the FAQ task escalates there)
                  Cockpit   {}/camunda/app/cockpit/
                  log in as admin / {}
                  logs      {}
                Stop with Ctrl-C; start again to continue where it was.""",
                properties.repository(),
                properties.engineers(),
                properties.agent().kind(),
                base,
                properties.bosunDir().resolve("secrets").resolve("api-token"),
                base,
                base,
                adminLogin(),
                properties.logsDir());
    }

    /** The password itself the first time (nobody has seen it yet), afterwards only where it is kept. */
    private String adminLogin() {
        if (credentials.adminPasswordCreated()) {
            return credentials.adminPassword() + "   (kept in "
                    + credentials.adminPasswordFile().orElseThrow() + ")";
        }
        return credentials
                .adminPasswordFile()
                .map(file -> "the password in " + file)
                .orElse("the password in BOSUN_ADMIN_PASSWORD");
    }
}
