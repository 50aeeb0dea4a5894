package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bosun.ServerFile;
import dev.bosun.process.TaskStatus;
import dev.bosun.support.TestRepository;

/**
 * The CLI's behaviour that needs no running server: help everywhere, which server a command
 * talks to, one-line errors when none answers, and a start that refuses a bad team file
 * before starting anything.
 */
class CliWithoutServerTest {

    @TempDir
    Path temp;

    private Path repo;
    private Map<String, String> env;

    @BeforeEach
    void repository() {
        repo = TestRepository.create(temp.resolve("repo")).root();
        env = new HashMap<>(System.getenv());
        env.remove("BOSUN_URL");
        env.remove("BOSUN_MEMBER");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "init",
                "validate",
                "start",
                "stop",
                "status",
                "task",
                "task add",
                "task list",
                "task show",
                "plan",
                "plan list",
                "plan show",
                "plan cancel",
                "plan decide",
                "decide",
                "send",
                "inbox",
                "assign",
                "board",
                "merge",
                "logs",
                "attach"
            })
    void everyCommandHasHelp(String command) {
        String[] words = (command + " --help").split(" ");
        Result help = cli(words);
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: bosun " + command);
    }

    /** Refused before any server is asked: without one, the answer would otherwise be "no server". */
    @Test
    void anUnknownStatusFilterIsAUsageError() {
        Result result = cli("task", "list", "--status", "bogus");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().lines().findFirst().orElse(""))
                .contains("--status", "unknown status 'bogus'; known: " + String.join(", ", TaskStatus.wireNames()));
        assertThat(result.err()).doesNotContain("no Bosun server answers");
    }

    @Test
    void theServerIsTheUrlOptionThenBosunUrlThenThisRepositorysServerThenTheDefault() throws IOException {
        assertThat(cli("status").err()).contains("no Bosun server answers at " + ServerCommand.DEFAULT_URL);

        int filed = freePort();
        ServerFile.write(
                ServerFile.path(repo), new ServerFile.Contents(1, "http://127.0.0.1:" + filed, repo.toString(), "now"));
        assertThat(cli("status").err()).contains("at http://127.0.0.1:" + filed + " ");

        int fromEnv = freePort();
        env.put("BOSUN_URL", "http://127.0.0.1:" + fromEnv);
        assertThat(cli("board").err()).contains("at http://127.0.0.1:" + fromEnv + " ");

        int fromOption = freePort();
        Result result = cli("task", "list", "--url", "http://127.0.0.1:" + fromOption);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines().toList())
                .hasSize(1)
                .first()
                .asString()
                .startsWith("bosun: no Bosun server answers at http://127.0.0.1:" + fromOption + " ");
    }

    @Test
    void startRefusesABadTeamFileAndStartsNothing() throws IOException {
        assertThat(cli("init", "--template", "pair").code()).isZero();
        Path team = repo.resolve(".bosun/team.yaml");
        Files.writeString(team, Files.readString(team).replace("instances: 1", "instances: 0"));

        Result start = cli("start", "--port", "0");

        assertThat(start.code()).isEqualTo(1);
        assertThat(start.err()).contains("team.yaml:").contains("instances").contains("nothing started");
        assertThat(ServerFile.path(repo)).doesNotExist();
        assertThat(repo.resolve(".bosun/data")).doesNotExist();
        assertThat(repo.resolve(".bosun/logs/server.log")).doesNotExist();
    }

    @Test
    void startWithoutATeamFileSaysHowToMakeOneAndStartsNothing() {
        Result start = cli("start", "--port", "0");

        assertThat(start.code()).isEqualTo(1);
        assertThat(start.err()).contains("no team file").contains("bosun init --template pair");
        assertThat(ServerFile.path(repo)).doesNotExist();
        assertThat(repo.resolve(".bosun/logs/server.log")).doesNotExist();
    }

    @Test
    void stopWithNothingRunningSaysSoAndSucceeds() {
        Result stop = cli("stop");
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).contains("no Bosun server runs for " + repo);
    }

    @Test
    void badServerArgumentsAreRefusedBeforeAnythingStarts() {
        assertThat(cli("init", "--template", "solo").code()).isZero();
        Result start = cli("start", "--port", "0", "--", "bosun.trunk=x");
        assertThat(start.code()).isEqualTo(1);
        assertThat(start.err()).contains("server settings are --name=value, got 'bosun.trunk=x'");
        assertThat(repo.resolve(".bosun/logs/server.log")).doesNotExist();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BosunCli.run(args, repo, env, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aFailedStartIsReportedByItsMostTellingLine() throws IOException {
        Path log = temp.resolve("server.log");
        Files.writeString(log, """
                2026-11-29 INFO starting
                ***************************
                APPLICATION FAILED TO START
                ***************************

                Description:

                Web server failed to start. Port 8094 was already in use.

                Action:

                Identify and stop the process that's listening on port 8094.
                """);
        assertThat(StartCommand.lastError(log)).isEqualTo("Web server failed to start. Port 8094 was already in use.");

        Files.writeString(
                log,
                "x\nCaused by: java.lang.IllegalStateException: first\nCaused by: dev.bosun.X: root cause\n\tat y\n");
        assertThat(StartCommand.lastError(log)).isEqualTo("dev.bosun.X: root cause");
        Files.writeString(log, "only line\n\n");
        assertThat(StartCommand.lastError(log)).isEqualTo("only line");
    }
}
