package dev.bosun.cli;

import java.io.PrintWriter;
import java.time.Duration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bosun logs MEMBER [-f] [--tail N]}: a member's terminal output, as raw bytes so colours
 * and cursor movements replay as in the agent's terminal. Read through the REST API, never from
 * the file, because the server may run on another machine. No {@code --json}: the data is bytes.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Print a member's terminal output (raw, as its terminal showed it); -f follows it.")
final class LogsCommand extends ServerCommand {

    static final Duration POLL = Duration.ofMillis(500);

    @Parameters(index = "0", paramLabel = "MEMBER", description = "the member, e.g. eng-1 or architect")
    String member;

    @Option(
            names = {"-f", "--follow"},
            description = "keep printing new output until interrupted (Ctrl-C); " + "waits through a server restart")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "start with the last N lines instead of the whole log")
    Integer tail;

    @Override
    public void run() {
        if (tail != null && tail < 0) {
            throw new CliException("--tail must not be negative, got " + tail);
        }
        RemoteLog log = new RemoteLog(client(), member);
        long offset = tail == null ? 0 : log.startOfLastLines(tail);
        LogOutput output = new LogOutput(out());
        PrintWriter err = err();
        // Retries only once the server has answered: a wrong URL or a server never started fails at once.
        boolean answered = tail != null;
        boolean waiting = false;
        while (!Thread.currentThread().isInterrupted()) {
            RemoteLog.Page page;
            try {
                page = log.read(offset);
            } catch (BosunClient.Unreachable e) {
                if (!follow || !answered) {
                    throw e;
                }
                if (!waiting) {
                    err.println("bosun: " + e.getMessage() + "; still following " + member + ", retrying every "
                            + POLL.toMillis() + " ms");
                    err.flush();
                    waiting = true;
                }
                if (!pause()) {
                    return;
                }
                continue;
            } catch (CliException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // Ctrl-C or the embedding program stopped us mid-request
                }
                throw e;
            }
            answered = true;
            waiting = false;
            if (page.start() < offset) {
                err.println("bosun: the log of " + member + " is shorter than before (rotated, truncated or "
                        + "replaced); printing the new one from its start");
                err.flush();
            }
            output.write(page.bytes());
            offset = page.next();
            boolean caughtUp = offset >= page.size();
            if (caughtUp && (!follow || !pause())) {
                return;
            }
        }
    }

    /** False when interrupted, which ends {@code -f} quietly. */
    private static boolean pause() {
        try {
            Thread.sleep(POLL.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
