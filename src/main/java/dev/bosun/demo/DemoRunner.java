package dev.bosun.demo;

import java.nio.file.Files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.board.PlanReadModel;
import dev.bosun.board.TaskReadModel;
import dev.bosun.process.NewPlan;
import dev.bosun.process.Plans;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.security.Credentials;
import dev.bosun.team.Roster;

/**
 * With {@code bosun.demo.enabled=true} (the {@code demo} profile): on a database without tasks,
 * starts the demo tasks, and without plans, the demo plan ({@link DemoTeam} created the sample
 * repository and its team before the context read the team file). It runs before the
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
    private final Plans plans;
    private final PlanReadModel plansRead;
    private final Roster roster;

    DemoRunner(
            BosunProperties properties,
            TaskLifecycle lifecycle,
            TaskReadModel tasks,
            Environment environment,
            Credentials credentials,
            Plans plans,
            PlanReadModel plansRead,
            Roster roster) {
        this.plans = plans;
        this.plansRead = plansRead;
        this.roster = roster;
        this.properties = properties;
        this.credentials = credentials;
        this.lifecycle = lifecycle;
        this.tasks = tasks;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tasks.all().isEmpty()) {
            DemoTasks.all().forEach(task -> log.info("demo task {} started: {}", lifecycle.start(task), task.title()));
        }
        startThePlanOnce();
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

    /**
     * On a demo repository from before plans (no architect, no task bodies), the plan is skipped
     * with a note: the repository is the user's to keep.
     */
    private void startThePlanOnce() {
        if (!plansRead.all().isEmpty()) {
            return;
        }
        if (!Files.isDirectory(properties.repository().resolve(DemoPlan.BODIES))
                || roster.architect().isEmpty()) {
            log.info(
                    "the demo plan needs the demo team and plans/ of a new demo repository: delete {} to get them",
                    properties.repository());
            return;
        }
        NewPlan plan = DemoPlan.plan();
        log.info("demo plan {} started: {}", plans.start(plan), plan.title());
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
