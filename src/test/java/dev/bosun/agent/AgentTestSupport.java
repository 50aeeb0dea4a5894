package dev.bosun.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Turn requests and small process helpers for the PTY tests. */
final class AgentTestSupport {

    static final Map<String, String> GIT_IDENTITY = Map.of(
            "GIT_AUTHOR_NAME",
            "Test Agent",
            "GIT_AUTHOR_EMAIL",
            "agent@example.test",
            "GIT_COMMITTER_NAME",
            "Test Agent",
            "GIT_COMMITTER_EMAIL",
            "agent@example.test");

    private AgentTestSupport() {}

    static TurnRequest request(
            Path workDir, Path logFile, int attempt, String prompt, Duration timeout, Map<String, String> env) {
        return new TurnRequest("eng-1", "T-1", attempt, workDir, prompt, timeout, logFile, env);
    }

    /** Runs a command outside any PTY and returns its stdout; fails on a non-zero exit. */
    static String exec(Path dir, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(List.of(argv) + " failed: " + out);
        }
        return out;
    }
}
