package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.TmuxServer;

/**
 * What tmux 3.3a does with the argv of a pane and with titles: every argument must reach the
 * program as given, with no shell and no tmux parsing in between.
 */
class TmuxTest {

    @TempDir
    Path home;

    private TmuxServer server;

    @BeforeEach
    void tmux() {
        TmuxServer.assumeInstalled();
        server = new TmuxServer(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void paneArgumentsAndTitlesReachTmuxUnchanged() {
        Tmux tmux = Tmux.find(System.getenv("PATH"), server.socket());
        List<String> tricky = List.of("a b", "$HOME", "`id`", "#{session_name}", "x;", "y\\;", ";", "~", "'q'", "");

        List<MemberPanes.Pane> panes = MemberPanes.open(
                tmux,
                "argv",
                List.of("one#{host}", "two;"),
                member -> concat(List.of("printf", "<%s>\\n", member), tricky));

        assertThat(panes).extracting(MemberPanes.Pane::member).containsExactly("one#{host}", "two;");
        String expected = "<two;>\n<a b>\n<$HOME>\n<`id`>\n<#{session_name}>\n<x;>\n<y\\;>\n<;>\n<~>\n<'q'>\n<>";
        Await.until(
                "the second pane to print its arguments",
                Duration.ofSeconds(60),
                () -> server.capture(panes.get(1).id()),
                shown -> shown.contains("<>"));
        assertThat(server.capture(panes.get(1).id())).startsWith(expected);
        assertThat(server.run("list-panes", "-t", "=argv:", "-F", "#{pane_title}|#{@bosun-member}")
                        .lines())
                .containsExactly("one#{host}|one#{host}", "two;|two;");
    }

    @Test
    void aOneArgumentCommandIsRefusedBecauseTmuxWouldHandItToAShell() {
        assertThatThrownBy(() -> Tmux.command(List.of("echo hi; rm -rf ~")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
