package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        description = "Runs a team of AI coding agents on a git repository.")
public final class BosunCli implements Runnable {

    /**
     * The subcommands by name, in the order the usage lists them. Not in {@code @Command}: picocli
     * would build the model of every command (reflection over each one's options, a third of a
     * client command's start-up) to run one; {@link #run(String[], Path, Map, PrintWriter,
     * PrintWriter)} registers only the one named, and all of them for the usage and for a name
     * it does not know (so picocli suggests the nearest).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            "init", InitCommand.class,
            "validate", ValidateCommand.class,
            "start", StartCommand.class,
            "stop", StopCommand.class,
            "status", StatusCommand.class,
            "task", TaskCommand.class,
            "plan", PlanCommand.class,
            "assign", AssignCommand.class,
            "send", SendCommand.class,
            "inbox", InboxCommand.class,
            "decide", DecideCommand.class,
            "board", BoardCommand.class,
            "logs", LogsCommand.class,
            "attach", AttachCommand.class,
            "merge", MergeCommand.class);

    /** What a subcommand runs through its parent: {@code start --attach} runs {@code attach}. */
    private static final Map<String, List<String>> ALSO_NEEDS = Map.of("start", List.of("attach"));

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
        CliContext context = new CliContext(workingDirectory, environment, out, err);
        Optional<ServerCommand> quick = QuickParse.command(args);
        int code = quick.isPresent() ? runParsed(quick.get(), context) : runWithPicocli(args, context);
        out.flush();
        err.flush();
        return code;
    }

    /** A command {@link QuickParse} parsed, run as picocli would run it: exit 0, or 1 and a one-line error. */
    private static int runParsed(ServerCommand command, CliContext context) {
        command.context(context);
        try {
            command.run();
            return 0;
        } catch (RuntimeException e) {
            return failed(e, context.err());
        }
    }

    private static int runWithPicocli(String[] args, CliContext context) {
        CommandLine commandLine = commandLine(args, new CliFactory(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setParameterExceptionHandler(BosunCli::usageError);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, cmd.getErr()));
        return commandLine.execute(args);
    }

    private static int failed(Exception e, PrintWriter err) {
        err.println("bosun: " + (e instanceof CliException ? e.getMessage() : describe(e)));
        err.flush();
        return 1;
    }

    /** The command line that runs {@code args}: {@code bosun} with the subcommands {@code args} can reach. */
    static CommandLine commandLine(String[] args, CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new BosunCli(), factory);
        for (Class<?> subcommand : needed(args)) {
            commandLine.addSubcommand(subcommand);
        }
        return commandLine;
    }

    /** The subcommands {@code args} can run: the one named first, else all. */
    static List<Class<?>> needed(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue; // bosun's own --help and --version
            }
            Class<?> named = SUBCOMMANDS.get(arg);
            if (named == null) {
                break;
            }
            List<Class<?>> needed = new ArrayList<>(List.of(named));
            ALSO_NEEDS.getOrDefault(arg, List.of()).forEach(name -> needed.add(SUBCOMMANDS.get(name)));
            return needed;
        }
        return List.copyOf(SUBCOMMANDS.values());
    }

    /** Names and classes, alternating; the name is the class's {@code @Command} name (BosunCliTest checks). */
    private static Map<String, Class<?>> subcommands(Object... namesAndClasses) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (int i = 0; i < namesAndClasses.length; i += 2) {
            byName.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
        }
        return byName;
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
