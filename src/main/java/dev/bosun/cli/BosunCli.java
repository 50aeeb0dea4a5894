package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bosun} command. Every subcommand has {@code --help}, exits non-zero with a one-line
 * error on failure, and writes nothing when it fails.
 */
@Command(
        name = "bosun",
        mixinStandardHelpOptions = true,
        version = "bosun 0.1.0",
        description = "Runs a team of AI coding agents on a git repository.",
        subcommands = {
            InitCommand.class,
            ValidateCommand.class,
            StartCommand.class,
            StopCommand.class,
            StatusCommand.class,
            TaskCommand.class,
            PlanCommand.class,
            AssignCommand.class,
            SendCommand.class,
            InboxCommand.class,
            DecideCommand.class,
            BoardCommand.class,
            LogsCommand.class,
            AttachCommand.class,
            MergeCommand.class
        })
public final class BosunCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * A bare {@code bosun} is a usage error (exit 2, usage on stderr, as picocli treats a missing
     * subcommand): it names no command, so it does nothing, and a script that runs {@code bosun
     * $EMPTY} learns so. The server starts only with {@code bosun start}.
     */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing command; bosun start starts the server for this repository");
    }

    /** Runs the CLI in {@code workingDirectory}; returns the exit code. */
    public static int run(String[] args, Path workingDirectory, PrintWriter out, PrintWriter err) {
        return run(args, workingDirectory, System.getenv(), out, err);
    }

    /** Runs the CLI in {@code workingDirectory} with {@code environment} instead of the process's. */
    public static int run(
            String[] args, Path workingDirectory, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine =
                new CommandLine(new BosunCli(), new CliFactory(new CliContext(workingDirectory, environment)));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(BosunCli::usageError);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("bosun: " + (e instanceof CliException ? e.getMessage() : describe(e)));
            cmd.getErr().flush();
            return 1;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(run(
                args, Path.of("").toAbsolutePath(), new StandardOutput(System.out), new PrintWriter(System.err, true)));
    }

    /** Picocli's own handling of a usage error (message, suggestions or usage, exit 2), with the {@code bosun:} prefix. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("bosun: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            command.usage(err, command.getColorScheme());
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Gives every command the working directory and environment, so tests run commands in a temp repository. */
    private record CliFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (ContextAware.class.isAssignableFrom(type)) {
                K command = CommandLine.defaultFactory().create(type);
                ((ContextAware) command).context(context);
                return command;
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
