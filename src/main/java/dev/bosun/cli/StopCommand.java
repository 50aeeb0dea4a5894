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
 * {@code bosun stop}: SIGTERM to this repository's server, so it shuts down cleanly (running
 * agents are stopped, every finished step is already in the engine), then waits for it to exit.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the Bosun server of this repository.")
final class StopCommand extends RepositoryCommand {

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "wait this long for a clean stop, then kill (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

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
        handle.destroy();
        boolean clean = awaitExit(handle, timeoutSeconds);
        if (!clean) {
            handle.destroyForcibly();
            awaitExit(handle, 10);
        }
        ServerFile.removeIfOwnedBy(serverFile, handle.pid());
        out().println(
                        clean
                                ? "Bosun stopped (pid " + handle.pid() + ")"
                                : "Bosun did not stop within " + timeoutSeconds + " s and was killed (pid "
                                        + handle.pid() + ")");
    }

    private static boolean awaitExit(ProcessHandle handle, int seconds) {
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
