package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The commands agents run every turn are parsed without picocli ({@link QuickParse}); these tests
 * hold that parser to picocli's meaning of every argument list: the same command class with the
 * same option values, or no answer at all (picocli parses it, or reports the error or prints the help).
 */
class QuickParseTest {

    /** The forms agents and scripts type: the quick parser must take each one, as picocli does. */
    static List<List<String>> commonForms() {
        return List.of(
                List.of("status"),
                List.of("status", "--json"),
                List.of("status", "--url", "http://127.0.0.1:9"),
                List.of("status", "--url=http://127.0.0.1:9", "--json"),
                List.of("send", "architect", "hello"),
                List.of("send", "eng-1-1", "fix", "the", "lexer", "please"),
                List.of("send", "architect", "a=b", "c"),
                List.of("send", "--json", "architect", "hi"),
                List.of("send", "architect", "--json", "hi", "there"),
                List.of("send", "architect", "hi", "--url", "http://h:1"),
                List.of("send", "architect", ""),
                List.of("task", "add", "--title", "Lexer"),
                List.of("task", "add", "--title=Lexer", "--body", "tokens and spans", "--priority", "high"),
                List.of("task", "add", "--title", "", "--body="),
                List.of("task", "add", "--title", "T", "--depends-on", "5", "#6", "7,8"),
                List.of("task", "add", "--depends-on", "5", "--title", "T", "--depends-on", "9"),
                List.of("task", "add", "--depends-on=5", "--title", "T"),
                List.of("task", "add", "--title", "T", "--manager", "lead", "--plan", "#3", "--json"),
                List.of("task", "add", "--title", "T", "--body-file", "notes/task.md"),
                List.of("task", "add", "--url", "http://h:1", "--title", "T with spaces and ü"));
    }

    /** Forms the quick parser must leave to picocli: help, errors, and the rarer syntax. */
    static List<List<String>> picocliForms() {
        return List.of(
                List.of(),
                List.of("--help"),
                List.of("--version"),
                List.of("status", "--help"),
                List.of("status", "-h"),
                List.of("status", "extra"),
                List.of("status", "--json", "--json"),
                List.of("status", "--json=true"),
                List.of("status", "--url"),
                List.of("status", "--url", "--json"),
                List.of("status", "--jsn"),
                List.of("send"),
                List.of("send", "architect"),
                List.of("send", "architect", "--", "-x"),
                List.of("send", "architect", "-x"),
                List.of("send", "architect", "@notes.txt"),
                List.of("send", "@team", "hi"),
                List.of("send", "architect", "hi", "--url", "http://h:1", "--url", "http://h:2"),
                List.of("task"),
                List.of("task", "list"),
                List.of("task", "show", "3"),
                List.of("task", "add"),
                List.of("task", "add", "--body", "no title"),
                List.of("task", "add", "--title", "A", "--title", "B"),
                List.of("task", "add", "--title", "-dash"),
                List.of("task", "add", "--title", "@file"),
                List.of("task", "add", "--title", "T", "stray"),
                List.of("task", "add", "--title", "T", "--depends-on"),
                List.of("task", "add", "--title", "T", "--depends-on=5", "6"),
                List.of("task", "add", "--title", "T", "--help"),
                List.of("task", "add", "--title", "T", "--priority"),
                List.of("plan", "goal"),
                List.of("inbox"));
    }

    @ParameterizedTest
    @MethodSource("commonForms")
    void takesTheCommonFormsWithTheValuesPicocliGivesThem(List<String> args) {
        Optional<ServerCommand> quick = QuickParse.command(args.toArray(String[]::new));

        assertThat(quick).as("the quick parser takes %s", args).isPresent();
        Object picocli = parsedByPicocli(args);
        assertThat(quick.get()).isInstanceOf(picocli.getClass());
        assertThat(options(quick.get())).as("options of %s", args).isEqualTo(options(picocli));
    }

    @ParameterizedTest
    @MethodSource("picocliForms")
    void leavesEverythingElseToPicocli(List<String> args) {
        assertThat(QuickParse.command(args.toArray(String[]::new)))
                .as("the quick parser leaves %s to picocli", args)
                .isEmpty();
    }

    /** What picocli makes of {@code args}: the command object it would run, options set. */
    private static Object parsedByPicocli(List<String> args) {
        String[] argv = args.toArray(String[]::new);
        ParseResult parsed =
                BosunCli.commandLine(argv, CommandLine.defaultFactory()).parseArgs(argv);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        assertThat(parsed.isUsageHelpRequested()).isFalse();
        return parsed.commandSpec().userObject();
    }

    /** Every option and parameter field of a command, by name (not the context picocli or the runner sets). */
    private static Map<String, Object> options(Object command) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Class<?> type = command.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        || List.of("spec", "context", "workingDirectory").contains(field.getName())) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    values.put(type.getSimpleName() + "." + field.getName(), field.get(command));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }
}
