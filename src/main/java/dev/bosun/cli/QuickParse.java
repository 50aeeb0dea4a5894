package dev.bosun.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The plain forms of the commands agents run on every turn ({@code status}, {@code send}, {@code
 * task add}), parsed without picocli. Picocli builds a model of a command by reflection over its
 * annotations before it parses anything: about 60% of such a command's time on top of the JVM's
 * own start. This parser fills the same fields of the same command classes, which then run as
 * they do under picocli.
 *
 * <p>It takes only what it understands exactly: the options the command declares, each at most
 * once, with a value that does not start with {@code -} or {@code @}, and the positionals the
 * command needs. Anything else (help, a typo, an unknown option, {@code --}, an argument file, a
 * missing {@code --title}) is left to picocli, which parses it, or prints the usage error or the
 * help. So the two never disagree on what a command line means; QuickParseTest compares them over
 * many argument lists.
 */
final class QuickParse {

    private QuickParse() {}

    /** The command {@code args} runs, its options set; empty when picocli should parse them. */
    static Optional<ServerCommand> command(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        return switch (args[0]) {
            case "status" -> status(Arrays.copyOfRange(args, 1, args.length));
            case "send" -> send(Arrays.copyOfRange(args, 1, args.length));
            case "task" ->
                args.length > 1 && args[1].equals("add")
                        ? add(Arrays.copyOfRange(args, 2, args.length))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<ServerCommand> status(String[] args) {
        Scan scan = Scan.of(args, Set.of("--url"), Set.of(), Set.of("--json"));
        if (scan == null || !scan.positionals.isEmpty()) {
            return Optional.empty();
        }
        StatusCommand status = new StatusCommand();
        status.url = scan.value("--url");
        status.json = scan.flag("--json");
        return Optional.of(status);
    }

    private static Optional<ServerCommand> send(String[] args) {
        Scan scan = Scan.of(args, Set.of("--url"), Set.of(), Set.of("--json"));
        if (scan == null || scan.positionals.size() < 2) {
            return Optional.empty();
        }
        SendCommand send = new SendCommand();
        send.url = scan.value("--url");
        send.json = scan.flag("--json");
        send.to = scan.positionals.get(0);
        send.words = new ArrayList<>(scan.positionals.subList(1, scan.positionals.size()));
        return Optional.of(send);
    }

    private static Optional<ServerCommand> add(String[] args) {
        Scan scan = Scan.of(
                args,
                Set.of("--url", "--title", "--body", "--body-file", "--priority", "--manager", "--plan"),
                Set.of("--depends-on"),
                Set.of("--json"));
        if (scan == null || !scan.positionals.isEmpty() || scan.value("--title") == null) {
            return Optional.empty();
        }
        TaskCommand.Add add = new TaskCommand.Add();
        add.url = scan.value("--url");
        add.json = scan.flag("--json");
        add.title = scan.value("--title");
        add.body = scan.value("--body");
        String bodyFile = scan.value("--body-file");
        add.bodyFile = bodyFile == null ? null : Path.of(bodyFile);
        add.priority = scan.value("--priority");
        add.manager = scan.value("--manager");
        add.plan = scan.value("--plan");
        add.dependsOn = new ArrayList<>(scan.values("--depends-on"));
        return Optional.of(add);
    }

    /** One pass over the arguments; null when one of them is a form this parser leaves to picocli. */
    private static final class Scan {
        private final List<String> positionals = new ArrayList<>();
        private final List<String[]> options = new ArrayList<>();

        static Scan of(String[] args, Set<String> single, Set<String> many, Set<String> flags) {
            Scan scan = new Scan();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-")) {
                    if (arg.startsWith("@")) {
                        return null; // picocli reads an argument file
                    }
                    scan.positionals.add(arg);
                    continue;
                }
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                if (!seen.add(name) && !many.contains(name)) {
                    return null; // given twice: picocli's error
                }
                if (flags.contains(name)) {
                    if (equals >= 0) {
                        return null;
                    }
                    scan.options.add(new String[] {name, "true"});
                } else if (single.contains(name) || many.contains(name)) {
                    List<String> values = new ArrayList<>();
                    if (equals >= 0) {
                        values.add(arg.substring(equals + 1));
                    } else {
                        // picocli gives an option of arity 1..* every argument up to the next option
                        while (i + 1 < args.length
                                && (values.isEmpty() || many.contains(name))
                                && !args[i + 1].startsWith("-")) {
                            values.add(args[++i]);
                        }
                    }
                    if (values.isEmpty() || values.stream().anyMatch(v -> v.startsWith("-") || v.startsWith("@"))) {
                        return null;
                    }
                    values.forEach(value -> scan.options.add(new String[] {name, value}));
                } else {
                    return null; // help, version, an unknown option, --
                }
            }
            return scan;
        }

        String value(String name) {
            List<String> values = values(name);
            return values.isEmpty() ? null : values.get(0);
        }

        List<String> values(String name) {
            return options.stream()
                    .filter(option -> option[0].equals(name))
                    .map(option -> option[1])
                    .toList();
        }

        boolean flag(String name) {
            return value(name) != null;
        }
    }
}
