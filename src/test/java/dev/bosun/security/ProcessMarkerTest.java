package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.Processes;
import dev.bosun.support.TestTimeouts;

/** Real processes: a marked shell that escapes into a session of its own is still found and killed. */
class ProcessMarkerTest {

    @TempDir
    Path dir;

    @Test
    void aDetachedLoopCarryingTheMarkIsFoundAndKilledAndAnUnmarkedOneIsLeftAlone() throws Exception {
        ProcessMarker marker = ProcessMarker.fresh(ProcessMarker.TURN);
        ProcessMarker other = ProcessMarker.fresh(ProcessMarker.TURN);
        long marked = startDetachedLoop(marker, "marked.pid");
        long unmarked = startDetachedLoop(other, "unmarked.pid");
        try {
            assertThat(marker.carriers()).contains(marked).doesNotContain(unmarked);

            assertThat(marker.killAll(TestTimeouts.scaled(Duration.ofSeconds(20))))
                    .isTrue();

            assertThat(marker.carriers()).isEmpty();
            Processes.awaitGone(marked, "the marked loop");
            assertThat(ProcessHandle.of(unmarked).map(ProcessHandle::isAlive))
                    .as("another run's loop")
                    .contains(true);
        } finally {
            other.killAll(TestTimeouts.scaled(Duration.ofSeconds(20)));
        }
    }

    /** The pyenv case: a leftover holding a lock file removes it in its SIGTERM trap before it goes. */
    @Test
    void aLeftoverGetsSigtermFirstSoItsTrapCleansUp() throws Exception {
        ProcessMarker marker = ProcessMarker.fresh(ProcessMarker.TURN);
        Path lock = dir.resolve("rehash.lock");
        long holder = startDetached(marker, "holder.pid", "touch rehash.lock; trap 'rm -f rehash.lock; exit 0' TERM;");
        assertThat(lock).exists();

        assertThat(marker.killAll(TestTimeouts.scaled(Duration.ofSeconds(20)))).isTrue();

        Processes.awaitGone(holder, "the lock holder");
        assertThat(lock)
                .as("removed by the trap, which a SIGKILL would never have run")
                .doesNotExist();
    }

    @Test
    void aLeftoverThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        ProcessMarker marker = ProcessMarker.fresh(ProcessMarker.TURN);
        long stubborn = startDetached(marker, "stubborn.pid", "trap '' TERM;");

        assertThat(marker.killAll(TestTimeouts.scaled(Duration.ofSeconds(20)))).isTrue();

        Processes.awaitGone(stubborn, "the loop that ignores SIGTERM");
    }

    @Test
    void onlyTheWholeEntryMatches() {
        byte[] environ = "A=1\0BOSUN_TURN=abc-1\0B=2\0".getBytes(StandardCharsets.UTF_8);
        assertThat(ProcessMarker.containsEntry(environ, bytes("BOSUN_TURN=abc-1")))
                .isTrue();
        assertThat(ProcessMarker.containsEntry(environ, bytes("BOSUN_TURN=abc")))
                .isFalse();
        assertThat(ProcessMarker.containsEntry(environ, bytes("TURN=abc-1"))).isFalse();
        assertThat(ProcessMarker.containsEntry("BOSUN_TURN=x".getBytes(StandardCharsets.UTF_8), bytes("BOSUN_TURN=x")))
                .isTrue();
        assertThat(ProcessMarker.containsEntry(new byte[0], bytes("BOSUN_TURN=x")))
                .isFalse();
    }

    @Test
    void aMarkNeedsAVariableNameAndAValue() {
        assertThatThrownBy(() -> new ProcessMarker("bad name", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> new ProcessMarker("BOSUN_TURN", "")).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> env = new HashMap<>(Map.of("BOSUN_TURN", "forged"));
        ProcessMarker marker = ProcessMarker.fresh(ProcessMarker.TURN);
        marker.applyTo(env);
        assertThat(env).containsEntry("BOSUN_TURN", marker.value());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long startDetachedLoop(ProcessMarker marker, String pidFile) throws Exception {
        return startDetached(marker, pidFile, "");
    }

    /**
     * {@code setsid -f}: a shell in a new session, re-parented to init once the starter exits, that
     * runs {@code prelude}, writes its pid, then loops.
     */
    private long startDetached(ProcessMarker marker, String pidFile, String prelude) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "setsid",
                        "-f",
                        "sh",
                        "-c",
                        prelude + " echo $$ > " + pidFile + "; while true; do sleep 0.1; done")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        marker.applyTo(builder.environment());
        Process starter = builder.start();
        starter.waitFor();
        Path file = dir.resolve(pidFile);
        return Await.until("the loop to write " + pidFile, Duration.ofSeconds(20), () -> pidIn(file), pid -> pid > 0);
    }

    static long pidIn(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file).strip() : "";
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }
}
