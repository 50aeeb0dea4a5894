package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.BosunServer;
import dev.bosun.support.TestRepository;

/**
 * {@code bosun logs} in process against Bosun running as its own JVM (so it can be killed and
 * started again), with logs written into {@code .bosun/logs} as a turn writes them.
 */
class LogsCommandTest {

    @TempDir
    static Path home;

    static TestRepository repository;
    static int port;
    static BosunServer server;

    /** A printing thread's output, readable while it runs. */
    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void startServer() throws IOException {
        repository = TestRepository.create(home.resolve("repo"));
        port = BosunServer.freePort();
        server = start("first");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void printsTheWholeLogAcrossPagesAsItsTerminalShowedIt() throws IOException {
        String text = "\u001B[0mstart " + numberedLines(70_000) + "the end \u2713\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).as("more than one 1 MiB page").isGreaterThan(1 << 20);
        assertThat(bytes[(1 << 20) - 1])
                .as("the first page ends inside a character")
                .isEqualTo((byte) 0xC3);
        write("eng-1", text);

        Run run = bosun("logs", "eng-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(text);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void tailStartsWithTheLastLines() throws IOException {
        write("eng-1", numberedLines(70_000));

        assertThat(bosun("logs", "eng-1", "--tail", "3").out())
                .isEqualTo("line 69998 \u00e9t\u00e9\r\nline 69999 \u00e9t\u00e9\r\nline 70000 \u00e9t\u00e9\r\n");
        assertThat(bosun("logs", "eng-1", "--tail", "0").out()).isEmpty();
        assertThat(bosun("logs", "eng-1", "--tail", "80000").out())
                .as("fewer lines than asked: all")
                .isEqualTo(numberedLines(70_000));
    }

    @Test
    void anUnknownMemberIsTheServersErrorOnOneLine() {
        Run run = bosun("logs", "nobody", "-f");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("bosun: no member 'nobody' in the team; members: eng-1, eng-2\n");
    }

    @Test
    void followingNeedsTheServerToAnswerFirst() throws IOException {
        Run run = bosunAt("http://localhost:" + BosunServer.freePort(), "logs", "eng-1", "-f");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("bosun: no Bosun server answers at");
    }

    @Test
    void followPrintsAppendedBytesAndWaitsThroughAServerRestart() throws Exception {
        write("eng-2", "before\r\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread follower = new Thread(
                () -> exitCode.set(BosunCli.run(
                        new String[] {"logs", "eng-2", "-f", "--url", url()},
                        repository.root(),
                        Map.of(),
                        new PrintWriter(out),
                        new PrintWriter(err))),
                "logs-follower");
        follower.start();
        try {
            awaitOutput(out, "before\r\n");
            append("eng-2", "after \u2713\r\n");
            awaitOutput(out, "before\r\nafter \u2713\r\n");

            server.kill();
            Await.until("the follower to notice", Duration.ofSeconds(60), err::toString, e -> !e.isEmpty());
            append("eng-2", "while it was down\r\n");
            server = start("second");
            awaitOutput(out, "before\r\nafter \u2713\r\nwhile it was down\r\n");
            append("eng-2", "after the restart\r\n");
            awaitOutput(out, "before\r\nafter \u2713\r\nwhile it was down\r\nafter the restart\r\n");

            assertThat(err.toString())
                    .as("one message for the whole outage")
                    .startsWith("bosun: no Bosun server answers at " + url())
                    .contains("still following eng-2")
                    .hasLineCount(1);
        } finally {
            follower.interrupt();
            follower.join(10_000);
        }
        assertThat(follower.isAlive()).as("an interrupt ends -f").isFalse();
        assertThat(exitCode.get()).isZero();
    }

    private static void awaitOutput(StringWriter out, String expected) {
        Await.until("the output to be " + expected.strip(), Duration.ofSeconds(60), out::toString, expected::equals);
    }

    private static String numberedLines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(String.format("line %05d \u00e9t\u00e9\r\n", i));
        }
        return text.toString();
    }

    private static Path log(String member) throws IOException {
        Path logs = repository.root().resolve(".bosun/logs");
        Files.createDirectories(logs);
        return logs.resolve(member + ".log");
    }

    private static void write(String member, String text) throws IOException {
        Files.writeString(log(member), text);
    }

    private static void append(String member, String text) throws IOException {
        Files.writeString(log(member), text, StandardOpenOption.APPEND);
    }

    private static String url() {
        return "http://localhost:" + port;
    }

    private static Run bosun(String... args) {
        return bosunAt(url(), args);
    }

    private static Run bosunAt(String url, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withUrl =
                Stream.concat(Arrays.stream(args), Stream.of("--url", url)).toArray(String[]::new);
        int code = BosunCli.run(withUrl, repository.root(), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static BosunServer start(String name) throws IOException {
        return BosunServer.startThisBuild(
                port,
                repository,
                List.of("--bosun.engineers=2", "--bosun.worker.enabled=false"),
                home.resolve("server-" + name + ".log"));
    }
}
