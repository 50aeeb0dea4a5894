package dev.bosun.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.bosun.ServerFile;

/**
 * {@code bosun stop}: SIGTERM to this repository's server, so it shuts down cleanly: it fetches no
 * more work, lets the turns, test runs and merges under way finish for up to its
 * {@code bosun.stop.turn-grace} (named in {@code .bosun/server.json}), records what finished,
 * interrupts the rest, then exits. This command waits for all of that, then kills.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the Bosun server of this repository.")
final class StopCommand extends RepositoryCommand {

    /** What the server needs after the grace: interrupting, killing the agents' leftovers, closing the engine. */
    static final int SHUTDOWN_SECONDS = 60;
    /** The grace of a server whose file does not name one (written before the setting existed). */
    static final long DEFAULT_GRACE_SECONDS = 60;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "wait this long for a clean stop, then kill (default: the server's "
                    + "bosun.stop.turn-grace plus " + SHUTDOWN_SECONDS + " s)")
    Integer timeoutSeconds;

    @Override
    public void run() {
        Path repository = repositoryRoot();
        Path serverFile = ServerFile.path(repository);
        Optional<ServerFile.Contents> server = ServerFile.read(serverFile);
        Optional<ProcessHandle> process = server.flatMap(ServerProcesses::process);
        if (process.isEmpty()) {
            server.ifPresent(s -> ServerFile.removeIfOwnedBy(serverFile, s.pid()));
            out().println("no Bosun server runs for " + repository);
            return;
        }
        ProcessHandle handle = process.get();
        long grace = Optional.ofNullable(server.get().stopGraceSeconds()).orElse(DEFAULT_GRACE_SECONDS);
        long timeout = timeoutSeconds != null ? timeoutSeconds : grace + SHUTDOWN_SECONDS;
        out().println(waitingFor(handle.pid(), grace, timeout));
        out().flush();
        handle.destroy();
        boolean clean = awaitExit(handle, timeout);
        if (!clean) {
            handle.destroyForcibly();
            awaitExit(handle, 10);
        }
        ServerFile.removeIfOwnedBy(serverFile, handle.pid());
        out().println(
                        clean
                                ? "Bosun stopped (pid " + handle.pid() + ")"
                                : "Bosun did not stop within " + timeout + " s and was killed (pid " + handle.pid()
                                        + ")");
    }

    static String waitingFor(long pid, long graceSeconds, long timeoutSeconds) {
        String work = graceSeconds > 0
                ? "turns, test runs and merges under way may finish for up to " + graceSeconds
                        + " s (bosun.stop.turn-grace), then the rest is interrupted"
                : "turns, test runs and merges under way are interrupted at once (bosun.stop.turn-grace is 0)";
        return "Stopping Bosun (pid " + pid + "): " + work + "; waiting up to " + timeoutSeconds
                + " s, then it is killed";
    }

    private static boolean awaitExit(ProcessHandle handle, long seconds) {
        try {
            handle.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the server to stop");
        }
    }
}
