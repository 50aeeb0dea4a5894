package dev.bosun.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import dev.bosun.support.MainInItsOwnJvm;
import dev.bosun.support.MainInItsOwnJvm.Run;
import dev.bosun.support.TestRepository;

/**
 * The server checks what a task will need at start-up, on the settings it will use (the team
 * file's, the command line's over them, or its implicit engineers'), and refuses to start with one
 * line per problem before it writes anything: real repositories in temp folders.
 */
class ServerPreflightTest {

    @TempDir
    Path temp;

    Path repo;

    /** The server's environment: a PATH with nothing on it but {@code sh}, so no agent CLI is found by accident. */
    Map<String, String> variables;

    @BeforeEach
    void repository() throws IOException {
        repo = TestRepository.create(temp.resolve("repo")).root();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        executable(bin.resolve("sh"), "#!/bin/sh\nexec /bin/sh \"$@\"\n");
        variables = new HashMap<>(System.getenv());
        variables.put("PATH", bin.toString());
    }

    private MockEnvironment settings(String... properties) {
        MockEnvironment settings = new MockEnvironment()
                .withProperty("bosun.repository", repo.toString())
                .withProperty("bosun.trunk", "main")
                .withProperty("bosun.test-command[0]", "sh")
                .withProperty("bosun.test-command[1]", "test.sh");
        for (String property : properties) {
            int equals = property.indexOf('=');
            settings.setProperty(property.substring(0, equals), property.substring(equals + 1));
        }
        return settings;
    }

    private List<String> problems(MockEnvironment settings) {
        return ServerPreflight.problems(settings, variables).stream()
                .map(Preflight::line)
                .toList();
    }

    @Test
    void theImplicitEngineersWithTheScriptAgentNeedOnlyTheTrunkAndTheTestScript() {
        assertThat(problems(settings())).isEmpty();
    }

    @Test
    void withoutATeamFileEachServerSettingIsNamedByItsProperty() {
        List<String> problems = problems(settings(
                "bosun.trunk=master",
                "bosun.test-command[0]=no-such-test-runner",
                "bosun.test-command[1]=all",
                "bosun.agent.kind=command",
                "bosun.agent.command[0]=no-such-agent",
                "bosun.agent.command[1]={prompt}"));

        assertThat(problems)
                .containsExactly(
                        "bosun.trunk: branch 'master' does not exist in " + repo + "; its branches: main",
                        "bosun.test-command: no-such-test-runner is not on PATH",
                        "bosun.agent.kind: agent 'command' of role 'engineer' runs no-such-agent, which is not on PATH;"
                                + " install it or choose another agent");
    }

    @Test
    void theTeamFilesSettingsAreNamedWithTheirLineAndACommandLineTrunkWinsOverThem() throws IOException {
        Path team = Files.createDirectories(repo.resolve(".bosun")).resolve("team.yaml");
        Files.createDirectories(repo.resolve(".bosun/prompts"));
        Files.writeString(team, """
                name: t
                trunk: master
                agent: codex
                test_command: [sh, test.sh]
                roles:
                  - {name: engineer, role_type: engineer}
                """);

        assertThat(problems(settings("bosun.trunk=master")))
                .containsExactly(
                        team + ":2:8: trunk: branch 'master' does not exist in " + repo + "; its branches: main",
                        team + ":3:8: roles[0].agent: agent 'codex' of role 'engineer' runs codex, which is not on"
                                + " PATH; install it or choose another agent");
        assertThat(problems(settings("bosun.trunk=release")))
                .first()
                .isEqualTo("bosun.trunk: branch 'release' does not exist in " + repo + "; its branches: main");
    }

    @Test
    void aNodeThatRunsNoWorkerIsNotChecked() {
        ServerPreflight check = new ServerPreflight();
        check.setEnvironment(settings("bosun.trunk=master", "bosun.worker.enabled=false"));

        check.postProcessBeanFactory(new org.springframework.beans.factory.support.DefaultListableBeanFactory());
    }

    @Test
    void theServerRefusesToStartWithOneLinePerProblemAndWritesNothing() throws Exception {
        git("branch", "-m", "main", "master");

        Run server = main(
                "--bosun.repository=" + repo,
                "--server.port=0",
                "--bosun.test-command=no-such-test-runner,all",
                "--bosun.agent.kind=command",
                "--bosun.agent.command=no-such-agent,{prompt}");

        assertThat(server.exitCode()).as(server.output()).isNotZero();
        assertThat(server.output())
                .contains(
                        "APPLICATION FAILED TO START",
                        "\nbosun.trunk: branch 'main' does not exist in " + repo + "; its branches: master\n",
                        "\nbosun.test-command: no-such-test-runner is not on PATH\n",
                        "\nbosun.agent.kind: agent 'command' of role 'engineer' runs no-such-agent, which is not on"
                                + " PATH; install it or choose another agent\n",
                        "bosun validate checks them")
                .as("no stack trace, the description is the problems")
                .doesNotContain("\tat org.springframework");
        assertThat(repo.resolve(".bosun/data")).doesNotExist();
    }

    private void git(String... args) {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        TestRepository.Result result = TestRepository.run(repo, argv);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run main(String... args) throws IOException, InterruptedException {
        return MainInItsOwnJvm.run(temp, temp, Map.of("PATH", variables.get("PATH")), args);
    }
}
