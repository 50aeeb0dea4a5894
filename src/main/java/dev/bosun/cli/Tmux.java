package dev.bosun.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * tmux, run with argv lists only. Two places where tmux itself still interprets text, measured on
 * tmux 3.3a (its {@code cmd_parse_from_arguments} and {@code spawn.c}):
 * <ul>
 * <li>Arguments are split into commands at any argument that <em>ends</em> with {@code ;}, even
 *     inside a pane's command; {@code \;} at the end stands for a literal {@code ;}. So
 *     {@link #argument} escapes such an argument, which lets us also chain several commands in
 *     one call with a lone {@code ";"}.</li>
 * <li>A pane command of one argument is run with {@code sh -c}; of two or more, with
 *     {@code execvp} and no shell: {@code $}, quotes, spaces, {@code #{...}} and {@code ~} reach
 *     the program unchanged. So {@link #command} refuses a one-element command.</li>
 * </ul>
 * Option values such as {@code select-pane -T} and {@code new-session -s} are format-expanded
 * ({@code #{...}}); {@link #literal} escapes text for them.
 *
 * <p>The socket is tmux's default unless one is given ({@code -L name}, or {@code -S path} when
 * it contains a slash), so tests never touch a user's own tmux server.
 */
final class Tmux {

    static final String SEPARATOR = ";";

    private final Path binary;
    private final List<String> socket;

    private Tmux(Path binary, List<String> socket) {
        this.binary = binary;
        this.socket = socket;
    }

    /**
     * The tmux on {@code pathVariable} (the {@code PATH} the command runs with).
     *
     * @param socket null for tmux's default server, a name for {@code -L}, a path for {@code -S}
     * @throws CliException naming tmux when it is not installed
     */
    static Tmux find(String pathVariable, String socket) {
        Path binary = onPath(pathVariable)
                .orElseThrow(
                        () -> new CliException(
                                "tmux is not installed or not on the PATH; 'bosun attach' needs it (e.g. apt-get install tmux)"));
        List<String> socketArgs = socket == null ? List.of() : List.of(socket.contains("/") ? "-S" : "-L", socket);
        return new Tmux(binary, socketArgs);
    }

    private static Optional<Path> onPath(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            try {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "tmux");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (InvalidPathException e) {
                // not a folder; the next PATH entry may be
            }
        }
        return Optional.empty();
    }

    /** The pane command for tmux: run without a shell, every argument reaching the program as given. */
    static List<String> command(List<String> argv) {
        if (argv.size() < 2) {
            throw new IllegalArgumentException(
                    "tmux runs a one-argument command with sh -c; give the program and its arguments: " + argv);
        }
        return argv.stream().map(Tmux::argument).toList();
    }

    /** One argument as given, even one that ends with {@code ;}. */
    static String argument(String text) {
        return text.endsWith(SEPARATOR) ? text.substring(0, text.length() - 1) + "\\;" : text;
    }

    /** Text for a format-expanded option value, shown as given. */
    static String literal(String text) {
        return argument(text.replace("#", "##"));
    }

    /** {@code tmux [socket] args...} as a user would type it, to print how to attach. */
    List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.getFileName().toString());
        argv.addAll(socket);
        argv.addAll(args);
        return argv;
    }

    /** Runs tmux and returns its output; a failure becomes a one-line {@link CliException}. */
    String run(List<String> args) {
        Result result = execute(args);
        if (result.exitCode != 0) {
            throw new CliException("tmux " + args.get(0) + " failed (exit " + result.exitCode + "): "
                    + result.output.strip().replace('\n', ' '));
        }
        return result.output;
    }

    boolean succeeds(List<String> args) {
        return execute(args).exitCode == 0;
    }

    /**
     * Runs tmux on this terminal (attach-session, switch-client) and waits for it.
     *
     * @param dropTmuxVariable true to unset {@code $TMUX}, so tmux agrees to attach from inside
     *                         another tmux; false for switch-client, which finds its client by it
     */
    int interactive(List<String> args, boolean dropTmuxVariable) {
        ProcessBuilder builder = new ProcessBuilder(fullArgv(args)).inheritIO();
        if (dropTmuxVariable) {
            builder.environment().remove("TMUX");
        }
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new CliException("cannot run tmux: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while tmux ran");
        }
    }

    private record Result(int exitCode, String output) {}

    private Result execute(List<String> args) {
        try {
            Process process =
                    new ProcessBuilder(fullArgv(args)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // tmux's server detaches from these pipes at once (daemon(3)), so reading to the end is safe.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliException("tmux " + args.get(0) + " did not finish within 30 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new CliException("cannot run tmux at " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while tmux ran");
        }
    }

    private List<String> fullArgv(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(socket);
        argv.addAll(args);
        return argv;
    }
}
