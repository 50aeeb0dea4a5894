package dev.bosun.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills an agent and everything it started. The PTY child is a session (and process-group)
 * leader, so {@code kill -KILL -- -pid} reaches children that share its group; descendants that
 * moved to a group of their own are found through {@link ProcessHandle} before anything dies
 * (afterwards they are re-parented and no longer look like descendants). What was re-parented
 * before (a {@code setsid -f} daemon) is found by the turn's mark instead, see
 * {@link dev.bosun.security.ProcessMarker} and {@link PtyTurnRunner}.
 */
final class ProcessTree {

    private ProcessTree() {}

    static void killGroupAndDescendants(long pid) {
        List<ProcessHandle> descendants =
                ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        killGroup(pid);
        descendants.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitGone(descendants, Duration.ofSeconds(5));
    }

    /** SIGKILL is asynchronous: wait (bounded) so callers can rely on "killed" meaning gone. */
    private static void awaitGone(List<ProcessHandle> handles, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return; // best effort: the footer and the result still say the turn was killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Also used after a normal exit, so a turn leaves nothing running: background jobs outlive
     * their leader in its group. Safe against pid reuse in practice, because Linux does not hand
     * out a pid that is still some group's id, and a recycled pid only matters if it also
     * became a group leader in between.
     */
    static void killGroup(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            // no kill binary: the ProcessHandle pass still gets the descendants
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
