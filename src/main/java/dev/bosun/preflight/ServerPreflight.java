package dev.bosun.preflight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

import dev.bosun.BeforeBeans;
import dev.bosun.team.AgentKind;
import dev.bosun.team.Problem;
import dev.bosun.team.Role;
import dev.bosun.team.RoleType;
import dev.bosun.team.Roster;
import dev.bosun.team.Team;
import dev.bosun.team.TeamFile;

/**
 * The server refuses to start without what a task will need ({@link Preflight}), on the settings
 * it will really use: {@code java -jar} and {@code spring-boot:run} do not pass through {@code
 * bosun start}, and without this a wrong trunk, a missing test program or agent binary started
 * fine and made the first task an incident.
 *
 * <p>A bean-factory post-processor ordered after {@code RepositoryFolderCheck} (so the folder is a
 * git repository) and {@code TeamSettingsPropertySource} (so the team file's settings are in the
 * environment), and before every other one: nothing has claimed a task, opened the database or
 * written {@code .bosun/} yet. The failure is reported by {@link Analyzer}: one line per problem,
 * no stack trace. A node that runs no worker ({@code bosun.worker.enabled=false}) runs no step, so
 * it needs none of this and is not checked.
 */
public final class ServerPreflight extends BeforeBeans implements PriorityOrdered {

    /** Right after the repository check and the team file's settings. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

    @Override
    protected void run(Environment environment) {
        if (!environment.getProperty("bosun.worker.enabled", Boolean.class, true)) {
            return;
        }
        List<Problem> problems = problems(environment, System.getenv());
        if (!problems.isEmpty()) {
            throw new NotReady(problems.stream().map(Preflight::line).collect(Collectors.joining("\n")));
        }
    }

    /** What is missing for the settings in {@code settings}, with {@code variables} as the server's environment. */
    static List<Problem> problems(Environment settings, Map<String, String> variables) {
        Path repository = Path.of(settings.getProperty("bosun.repository", "."))
                .toAbsolutePath()
                .normalize();
        Path teamYaml = repository.resolve(".bosun").resolve("team.yaml");
        Binder binder = Binder.get(settings);
        String trunk = settings.getProperty("bosun.trunk", "main");
        List<String> testCommand =
                binder.bind("bosun.test-command", Bindable.listOf(String.class)).orElse(List.of());
        String agentCommand =
                binder.bind("bosun.agent.command", Bindable.listOf(String.class)).orElse(List.of()).stream()
                        .findFirst()
                        .orElse(null);
        if (Files.isRegularFile(teamYaml)) {
            Team team = TeamFile.load(teamYaml);
            Preflight.Overrides overrides = new Preflight.Overrides(
                    "",
                    trunk.equals(team.trunk()) ? null : trunk,
                    testCommand.equals(team.testCommand()) ? null : testCommand,
                    agentCommand);
            return Preflight.check(
                    repository, teamYaml, team.trunk(), team.testCommand(), team.roles(), variables, overrides);
        }
        AgentKind kind = AgentKind.fromYaml(
                        settings.getProperty("bosun.agent.kind", "script").strip())
                .orElse(null);
        // an unknown kind stops start-up later, naming the property (RosterConfiguration)
        List<Role> roles = kind == null ? List.of() : List.of(implicitEngineer(kind));
        return Preflight.check(
                repository,
                teamYaml,
                trunk,
                testCommand,
                roles,
                variables,
                new Preflight.Overrides("", trunk, testCommand, agentCommand));
    }

    /** The role of {@link Roster#implicitEngineers}: only its agent kind matters here. */
    private static Role implicitEngineer(AgentKind kind) {
        return new Role(
                Roster.IMPLICIT_ENGINEER_ROLE, RoleType.ENGINEER, kind, null, 1, null, List.of(), true, Map.of());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Start-up refused: a task would miss something; the message is one line per problem. */
    public static final class NotReady extends IllegalStateException {
        NotReady(String message) {
            super(message);
        }
    }

    /** Registered in {@code META-INF/spring.factories}: the problems, one a line, instead of a stack trace. */
    public static final class Analyzer extends AbstractFailureAnalyzer<NotReady> {
        @Override
        protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NotReady cause) {
            return new FailureAnalysis(
                    cause.getMessage(),
                    "Fix each problem above (bosun validate checks them without starting anything), then start"
                            + " again.",
                    cause);
        }
    }
}
