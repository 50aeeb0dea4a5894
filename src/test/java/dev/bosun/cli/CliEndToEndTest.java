package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.ServerFile;
import dev.bosun.support.Await;
import dev.bosun.support.TestRepository;

/**
 * The user's path, all through the {@code bosun} CLI on a temp repository: init the pair team,
 * start the server in the background (a real separate JVM on H2 in .bosun/data), add three
 * tasks, watch {@code status --json} until they are merged by the scripted engineer, read the
 * board and the event log, stop; a second start finds the same tasks and their history.
 */
class CliEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    private Path repo;

    @AfterEach
    void stopWhateverRuns() {
        if (repo != null) {
            ServerFile.read(ServerFile.path(repo))
                    .flatMap(s -> ProcessHandle.of(s.pid()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void initStartThreeTasksMergedBoardEventsStopAndStartAgain() throws Exception {
        repo = TestRepository.create(temp.resolve("repo")).root();
        assertThat(cli("init", "--template", "pair", "--agent", "script").code())
                .isZero();
        Cli started = cli("start", "--port", "0", "--", "--bosun.worker.poll-interval=100ms");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out()).contains("Bosun started for " + repo);
        assertThat(started.err()).as("fresh process files: no note").isEmpty();
        long firstPid = ServerFile.read(ServerFile.path(repo)).orElseThrow().pid();
        String password =
                Files.readString(repo.resolve(".bosun/secrets/admin-password")).strip();
        assertThat(started.out())
                .as("the created admin password is shown once")
                .contains("/camunda/app/ - log in as admin / " + password
                        + "; it is kept in .bosun/secrets/admin-password");

        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Cli added = cli("task", "add", "--title", "Greeting " + i, "--body", script(i), "--json");
            assertThat(added.code()).as(added.err()).isZero();
            ids.add(JSON.readTree(added.out()).path("id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates();
        Cli noSuchManager = cli("task", "add", "--title", "For a manager", "--manager", "manager-2");
        assertThat(noSuchManager.code()).as("the pair team has no managers").isNotZero();
        assertThat(noSuchManager.err()).contains("manager 'manager-2' is not a member of this team");

        JsonNode status = Await.until(
                "3 tasks merged",
                PATIENCE,
                this::status,
                s -> s.path("tasks").path("merged").size() == 3
                        || !s.path("tasks").path("escalated").isEmpty());
        assertThat(titles(status.path("tasks").path("merged")))
                .containsExactly("Greeting 1", "Greeting 2", "Greeting 3");
        assertThat(status.path("members"))
                .extracting(m -> m.path("name").asText())
                .containsExactly("architect", "engineer");
        assertThat(status.path("mergeLockHolder").isNull()).isTrue();
        for (int i = 1; i <= 3; i++) {
            assertThat(Files.readString(repoFileOnTrunk("greeting-" + i + ".txt")))
                    .isEqualTo("hello " + i + "\n");
        }

        Cli board = cli("board");
        assertThat(board.code()).as(board.err()).isZero();
        List<String> boardLines =
                board.out().lines().filter(l -> l.startsWith("- [")).toList();
        assertThat(boardLines)
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).startsWith("- [x] #").contains("(engineer, attempt 1/3)"));
        assertThat(board.out()).contains("## DONE");
        assertThat(Files.readString(repo.resolve(".bosun/board.md")).lines().filter(l -> l.startsWith("- [")))
                .hasSize(3);

        assertThat(Files.readAllLines(repo.resolve(".bosun/events.jsonl")).stream()
                        .filter(l -> l.contains("\"event\":\"task_created\"")))
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("\"from\":\"human\""));
        for (String id : ids) {
            assertThat(eventsOf(id))
                    .containsSubsequence(
                            "task_created",
                            "task_claimed",
                            "turn_started",
                            "turn_finished",
                            "tests_passed",
                            "merge_started",
                            "task_merged");
        }

        Cli stopped = cli("stop");
        assertThat(stopped.code()).as(stopped.err()).isZero();
        assertThat(stopped.out())
                .as("it says what it waits for: the server's grace from server.json, plus the shutdown")
                .contains("Stopping Bosun (pid " + firstPid + "): turns, test runs and merges under way may"
                        + " finish for up to 60 s (bosun.stop.turn-grace), then the rest is interrupted; waiting"
                        + " up to 120 s, then it is killed")
                .contains("Bosun stopped");
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(ServerFile.path(repo)).doesNotExist();
        for (String[] afterStop : new String[][] {{"status"}, {"logs", "engineer"}}) {
            Cli refused = cli(afterStop);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err())
                    .as("no server runs: not a try of the default URL")
                    .startsWith("bosun: no Bosun server runs for " + repo + "; start one with bosun start");
        }

        Cli strayWord = cli(Map.of("BOSUN_JAVA_OPTIONS", "-Xmx600m Xmx700m"), "start", "--port", "0");
        assertThat(strayWord.code()).isEqualTo(1);
        assertThat(strayWord.err()).startsWith("bosun: BOSUN_JAVA_OPTIONS holds 'Xmx700m', which is not a JVM option");
        assertThat(ServerFile.path(repo)).as("nothing started").doesNotExist();

        Cli again = cli(
                Map.of("BOSUN_JAVA_OPTIONS", " -Xmx600m  -XX:TieredStopAtLevel=4 "),
                "start",
                "--port",
                "0",
                "--json",
                "--",
                "--bosun.admin-password=Chosen-on-the-command-line-7");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode second = JSON.readTree(again.out());
        String commandLine =
                Files.readString(Path.of("/proc/" + second.path("pid").asLong() + "/cmdline"));
        assertThat(commandLine)
                .as("no password in the server's argv")
                .doesNotContain("Chosen-on-the-command-line-7")
                .doesNotContain("password");
        List<String> serverArgv = List.of(commandLine.split("\0"));
        assertThat(serverArgv)
                .as("the user's JVM flags come after Bosun's, so they win")
                .containsSubsequence(
                        "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Xmx600m", "-XX:TieredStopAtLevel=4", "-cp");
        assertThat(adminStatus(second.path("url").asText(), "Chosen-on-the-command-line-7"))
                .as("the password reached the server through its environment")
                .isEqualTo(200);
        assertThat(second.path("pid").asLong()).isPositive().isNotEqualTo(firstPid);
        assertThat(second.path("url").asText()).startsWith("http://127.0.0.1:");
        int secondPort = java.net.URI.create(second.path("url").asText()).getPort();
        int otherPort = secondPort == 65535 ? secondPort - 1 : secondPort + 1;
        Cli otherPortStart = cli("start", "--port", Integer.toString(otherPort));
        assertThat(otherPortStart.code())
                .as("a start on another port changes nothing")
                .isEqualTo(1);
        assertThat(otherPortStart.err())
                .contains("already runs", second.path("url").asText(), "not on port " + otherPort);
        Cli sameStart = cli("start");
        assertThat(sameStart.code()).as(sameStart.err()).isZero();
        assertThat(sameStart.out())
                .contains("Bosun already runs for " + repo + " at "
                        + second.path("url").asText());
        assertThat(JSON.readTree(cli("board", "--json").out()).path("merged")).hasSize(3);
        JsonNode tasks = JSON.readTree(cli("task", "list", "--json").out());
        assertThat(tasks).extracting(t -> t.path("id").asText()).containsExactlyElementsOf(ids);
        assertThat(tasks).allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("merged"));
        JsonNode shown = JSON.readTree(cli("task", "show", ids.get(0), "--json").out());
        assertThat(shown.path("history"))
                .extracting(s -> s.path("activityId").asText())
                .contains("Task_ClaimTask", "Task_CodeTurn", "Task_RunTests", "Task_Merge");
        assertThat(cli("stop").code()).isZero();
    }

    /** GET /engine-rest/user as admin with HTTP Basic. */
    private static int adminStatus(String url, String password) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/engine-rest/user"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString(("admin:" + password)
                                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private Path repoFileOnTrunk(String name) throws IOException {
        Path out = temp.resolve("trunk-" + name);
        Files.writeString(
                out,
                TestRepository.run(repo, List.of("git", "show", "main:" + name)).output());
        return out;
    }

    private static String script(int i) {
        return "```bosun-script\nwrite greeting-" + i + ".txt <<EOF\nhello " + i + "\nEOF\ncommit add greeting " + i
                + "\n```\n";
    }

    private JsonNode status() {
        Cli status = cli("status", "--json");
        assertThat(status.code()).as(status.err()).isZero();
        try {
            return JSON.readTree(status.out());
        } catch (IOException e) {
            throw new IllegalStateException(status.out(), e);
        }
    }

    private static List<String> titles(JsonNode tasks) {
        return StreamSupport.stream(tasks.spliterator(), false)
                .map(t -> t.path("title").asText())
                .toList();
    }

    private List<String> eventsOf(String task) throws IOException {
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(repo.resolve(".bosun/events.jsonl"))) {
            JsonNode event = JSON.readTree(line);
            if (task.equals(event.path("task").asText())) {
                events.add(event.path("event").asText());
            }
        }
        return events;
    }

    private record Cli(int code, String out, String err) {}

    /** The CLI in-process, with an environment that cannot point it at another server. */
    private Cli cli(String... args) {
        return cli(Map.of(), args);
    }

    private Cli cli(Map<String, String> extraEnvironment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnvironment);
        env.remove("BOSUN_URL");
        env.remove("BOSUN_MEMBER");
        int code = BosunCli.run(args, repo, env, new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }
}
