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
    void theServerIsTheUrlOptionThenBosunUrlThenThisRepositorysServer() throws IOException {
        assertThat(cli("status").err()).startsWith("bosun: no Bosun server runs for " + repo);

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
    void withNoServerForThisRepositoryCommandsSaySoInsteadOfTryingTheDefaultUrl() {
        for (String[] command : new String[][] {{"status"}, {"logs", "engineer"}, {"board"}}) {
            Result result = cli(command);
            assertThat(result.code()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(result.err())
                    .isEqualTo("bosun: no Bosun server runs for " + repo
                            + "; start one with bosun start, or name one with --url or BOSUN_URL\n")
                    .doesNotContain(ServerCommand.DEFAULT_URL);
        }

        Path outside = temp.resolve("not-a-repository");
        assertThat(outside.toFile().mkdirs()).isTrue();
        Result status = cliIn(outside, "status");
        // whatever answers on the default port (another checkout's demo, say), it is tried
        assertThat(status.err())
                .as("outside a repository the documented default is still tried")
                .doesNotContain("no Bosun server runs");
    }

    @Test
    void aSecondStartWithAnotherPortOrSettingsSaysItChangedNothingAndFails() throws IOException {
        assertThat(cli("init", "--template", "pair").code()).isZero();
        // this JVM stands in for the running server: alive, and a java process, as a server's pid is
        int runningPort = freePort();
        String url = "http://127.0.0.1:" + runningPort;
        long pid = ProcessHandle.current().pid();
        ServerFile.write(ServerFile.path(repo), new ServerFile.Contents(pid, url, repo.toString(), "now"));
        int otherPort = runningPort == 65535 ? runningPort - 1 : runningPort + 1;

        Result otherPortStart = cli("start", "--port", Integer.toString(otherPort));
        assertThat(otherPortStart.code()).isEqualTo(1);
        assertThat(otherPortStart.err().lines().toList())
                .containsExactly("bosun: Bosun already runs for " + repo + " at " + url + " (pid " + pid
                        + "), not on port " + otherPort + "; nothing started. To move it: bosun stop, then"
                        + " bosun start --port " + otherPort);

        Result settingsStart = cli("start", "--", "--bosun.engineers=3", "--spring.datasource.password=s3cret");
        assertThat(settingsStart.code()).isEqualTo(1);
        assertThat(settingsStart.err())
                .contains("already runs", "--bosun.engineers --spring.datasource.password not applied")
                .doesNotContain("s3cret");

        for (String[] same : new String[][] {{"start"}, {"start", "--port", Integer.toString(runningPort)}}) {
            Result again = cli(same);
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(again.out()).contains("Bosun already runs for " + repo + " at " + url);
        }
        assertThat(repo.resolve(".bosun/logs/server.log")).doesNotExist();
    }

    @Test
    void usageErrorsCarryTheBosunPrefixAndABareBosunOnlyPrintsTheUsage() {
        Result unknownOption = cli("task", "list", "--bogus");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).startsWith("bosun: Unknown option: '--bogus'");

        Result missing = cli("task", "show");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("bosun: Missing required parameter: 'ID'");

        Result bare = cli();
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.out()).isEmpty();
        assertThat(bare.err())
                .startsWith("bosun: missing command; bosun start starts the server for this repository\n")
                .contains("Usage: bosun ", "  start ", "  status ");
        assertThat(repo.resolve(".bosun")).doesNotExist();
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
        return cliIn(repo, args);
    }

    private Result cliIn(Path directory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BosunCli.run(args, directory, env, new PrintWriter(out), new PrintWriter(err));
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
