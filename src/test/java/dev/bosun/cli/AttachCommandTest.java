package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.BosunServer;
import dev.bosun.support.TestRepository;
import dev.bosun.support.TmuxServer;

/**
 * {@code bosun attach} with real tmux (on a private socket) against Bosun running the pair team
 * as its own JVM: the engineer's pane shows what a real script-agent turn prints.
 */
class AttachCommandTest {

    @TempDir
    static Path home;

    static TestRepository repository;
    static BosunServer server;
    static String url;

    private TmuxServer tmux;
    private final ObjectMapper json = new ObjectMapper();

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void startTheTeam() throws IOException {
        TmuxServer.assumeInstalled();
        repository = TestRepository.create(home.resolve("repo"));
        Run init = run(Map.of(), "init", "--template", "pair");
        assertThat(init.exitCode()).as(init.err()).isZero();
        int port = BosunServer.freePort();
        url = "http://localhost:" + port;
        server = BosunServer.startThisBuild(
                port, repository, List.of("--bosun.worker.poll-interval=100ms"), home.resolve("server.log"));
    }

    @AfterAll
    static void stopTheTeam() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void privateTmux() {
        tmux = new TmuxServer(home);
    }

    @AfterEach
    void killTheSessions() {
        tmux.close();
    }

    @Test
    void eachMemberGetsATitledPaneFollowingItsLiveTerminal() throws Exception {
        String session = "team-" + UUID.randomUUID().toString().substring(0, 8);

        Run attach = attach("--detach", "--json", "--session", session);

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        Map<String, Object> result = json.readValue(attach.out(), new TypeReference<>() {});
        assertThat(result).containsEntry("session", session);
        List<Map<String, String>> panes = json.convertValue(result.get("panes"), new TypeReference<>() {});
        assertThat(panes).extracting(p -> p.get("member")).containsExactly("architect", "engineer");
        assertThat(tmux.run("list-panes", "-t", "=" + session + ":", "-F", "#{pane_id} #{pane_title}")
                        .lines())
                .containsExactly(
                        panes.get(0).get("pane") + " architect", panes.get(1).get("pane") + " engineer");

        String marker = "hello from the engineer's turn " + UUID.randomUUID();
        server.createTask("Say hello", """
                ```bosun-script
                say %s
                write hello.txt <<EOF
                hello
                EOF
                commit say hello
                ```
                """.formatted(marker));

        String engineerPane = panes.get(1).get("pane");
        Await.until(
                "the engineer's pane to show its turn",
                Duration.ofSeconds(90),
                () -> tmux.capture(engineerPane),
                shown -> shown.contains(marker));
        assertThat(tmux.capture(engineerPane)).contains("=== turn ");
        assertThat(tmux.capture(panes.get(0).get("pane")))
                .as("the architect's pane shows only the architect")
                .doesNotContain(marker);
    }

    @Test
    void oneMemberGetsOnePaneAndASessionOfTheSameNameIsReplaced() {
        String session = "one-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(attach("--detach", "--session", session).exitCode()).isZero();

        Run attach = attach("engineer", "--detach", "--session", session);

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        assertThat(attach.out())
                .isEqualTo("tmux session " + session + ": 1 pane (engineer)\n" + "attach with: tmux -S " + tmux.socket()
                        + " attach-session -t " + session + "\n");
        assertThat(tmux.run("list-sessions", "-F", "#{session_name}").lines()).containsExactly(session);
        assertThat(tmux.run("list-panes", "-t", "=" + session + ":", "-F", "#{pane_title}")
                        .lines())
                .containsExactly("engineer");
    }

    @Test
    void anUnknownMemberIsTheServersErrorAndOpensNothing() {
        Run attach = attach("nobody", "--detach", "--session", "nothing");

        assertThat(attach.exitCode()).isEqualTo(1);
        assertThat(attach.err()).isEqualTo("bosun: no member 'nobody' in the team; members: architect, engineer\n");
        assertThat(tmux.succeeds("has-session", "-t", "=nothing")).isFalse();
    }

    @Test
    void withoutTmuxItSaysSoOnOneLine() {
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("PATH", home.resolve("no-such-folder").toString());

        Run attach = run(environment, "attach", "--detach", "--url", url);

        assertThat(attach.exitCode()).isEqualTo(1);
        assertThat(attach.err())
                .startsWith("bosun: tmux is not installed or not on the PATH")
                .hasLineCount(1);
    }

    @Test
    void aSessionNameTmuxWouldRewriteIsRefused() {
        Run attach = attach("--detach", "--session", "a.b#{c}");

        assertThat(attach.exitCode()).isEqualTo(1);
        assertThat(attach.err()).contains("--session must be letters, digits, '-' or '_'");
    }

    /** The socket comes from BOSUN_TMUX_SOCKET, as a user would set it too. */
    private Run attach(String... args) {
        String[] withUrl = new String[args.length + 3];
        withUrl[0] = "attach";
        System.arraycopy(args, 0, withUrl, 1, args.length);
        withUrl[args.length + 1] = "--url";
        withUrl[args.length + 2] = url;
        return run(environment(), withUrl);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put(AttachCommand.SOCKET_VARIABLE, tmux.socket());
        return environment;
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BosunCli.run(args, repository.root(), environment, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
