package dev.bosun.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A private tmux server for one test ({@code tmux -S <folder>/tmux-<unique>}), so a developer's
 * own tmux sessions are never seen or touched. The socket lives in the test's temp folder because
 * tmux 3.3a leaves its socket file behind after {@code kill-server}. Tests that need tmux are
 * skipped only when it is not installed; CI installs it (.ci/run).
 */
public final class TmuxServer implements AutoCloseable {

    private final String socket;

    /** @param folder a temp folder with a short path: a socket path is limited to about 100 bytes */
    public TmuxServer(Path folder) {
        this.socket = folder.toAbsolutePath()
                .resolve("tmux-" + UUID.randomUUID().toString().substring(0, 8))
                .toString();
    }

    /** Skips the calling test (or class) when tmux is not on the PATH. */
    public static void assumeInstalled() {
        boolean installed = Arrays.stream(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir.isEmpty() ? "." : dir, "tmux"))
                .anyMatch(Files::isExecutable);
        assumeTrue(installed, "tmux is not installed (CI installs it in .ci/run); skipping the tmux tests");
    }

    /** The socket path for {@code tmux -S}, {@code --tmux-socket} or {@code BOSUN_TMUX_SOCKET}. */
    public String socket() {
        return socket;
    }

    /** Runs {@code tmux -S <socket> args...}; returns its output, failing the test on a non-zero exit. */
    public String run(String... args) {
        TestRepository.Result result = TestRepository.run(Path.of("."), argv(args));
        if (result.exitCode() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + result.output());
        }
        return result.output();
    }

    public boolean succeeds(String... args) {
        return TestRepository.run(Path.of("."), argv(args)).exitCode() == 0;
    }

    /**
     * What a pane holds, from the start of its history (a resize, such as re-tiling, may push
     * first lines out of view), lines joined where tmux wrapped them.
     */
    public String capture(String pane) {
        return run("capture-pane", "-p", "-J", "-S", "-", "-t", pane);
    }

    /** Ends every session of this server and the server itself. */
    @Override
    public void close() {
        TestRepository.run(Path.of("."), argv("kill-server"));
    }

    private List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", socket));
        argv.addAll(List.of(args));
        return argv;
    }
}
