package dev.bosun.agent.script;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code bosun-script}: the first fenced block of a prompt that opens with a line
 * {@code ```bosun-script} and closes with a line {@code ```}. One step per line; blank lines and
 * {@code #} comments are ignored; {@code attempt N} / {@code attempt N+} headers select which
 * steps run on which attempt, and steps before the first header run on every attempt.
 *
 * <p>Immutable and thread-safe. Parsing is strict: anything it does not understand is a
 * {@link ScriptSyntaxException} naming the line, because a test scenario that silently skips a
 * step proves nothing.
 */
public final class AgentScript {

    static final String OPENING_FENCE = "```bosun-script";
    static final String CLOSING_FENCE = "```";

    private static final Pattern ATTEMPT = Pattern.compile("(\\d{1,9})(\\+?)");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Pattern HEREDOC = Pattern.compile("<<(\\S+)");

    /** A step and the attempts it runs on: {@code from == 0} means every attempt. */
    private record Guarded(Step step, int from, boolean andLater) {
        boolean runsOn(int attempt) {
            return from == 0 || attempt == from || (andLater && attempt > from);
        }
    }

    private final List<Guarded> steps;

    private AgentScript(List<Guarded> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Finds and parses the script block of a prompt.
     *
     * @return empty when the prompt has no {@code bosun-script} block
     * @throws ScriptSyntaxException when the block is malformed or never closed
     */
    public static Optional<AgentScript> fromPrompt(String prompt) throws ScriptSyntaxException {
        List<String> lines = prompt.replace("\r\n", "\n").lines().toList();
        int open = -1;
        for (int i = 0; i < lines.size() && open < 0; i++) {
            if (lines.get(i).strip().equals(OPENING_FENCE)) {
                open = i;
            }
        }
        if (open < 0) {
            return Optional.empty();
        }
        for (int close = open + 1; close < lines.size(); close++) {
            if (lines.get(close).strip().equals(CLOSING_FENCE)) {
                return Optional.of(parse(lines.subList(open + 1, close)));
            }
        }
        throw new ScriptSyntaxException(
                Math.max(1, lines.size() - open - 1), "the block is never closed by a line ```");
    }

    /** Parses the lines inside the fences (line 1 is the first element). */
    static AgentScript parse(List<String> lines) throws ScriptSyntaxException {
        List<Guarded> parsed = new ArrayList<>();
        int from = 0;
        boolean andLater = false;
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String keyword = text.split("\\s+", 2)[0];
            String rest = text.substring(keyword.length()).strip();
            if (keyword.equals("attempt")) {
                Matcher m = ATTEMPT.matcher(rest);
                if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
                    throw new ScriptSyntaxException(
                            line, "attempt wants a number from 1, optionally followed by +, got '" + rest + "'");
                }
                from = Integer.parseInt(m.group(1));
                andLater = !m.group(2).isEmpty();
                continue;
            }
            Step step;
            if (keyword.equals("write") || keyword.equals("append")) {
                List<String> tokens = Tokenizer.split(rest, line);
                Matcher tag = tokens.size() == 2 ? HEREDOC.matcher(tokens.get(1)) : null;
                if (tag == null || !tag.matches()) {
                    throw new ScriptSyntaxException(line, keyword + " wants PATH <<TAG, got '" + rest + "'");
                }
                String path = checkedPath(tokens.get(0), line);
                int end = closingTag(lines, i + 1, tag.group(1));
                if (end < 0) {
                    throw new ScriptSyntaxException(
                            line, "unterminated heredoc: no line '" + tag.group(1) + "' ends it");
                }
                StringBuilder content = new StringBuilder();
                lines.subList(i + 1, end).forEach(l -> content.append(l).append('\n'));
                step = new Step.Write(line, path, content.toString(), keyword.equals("append"));
                i = end;
            } else {
                step = simpleStep(keyword, rest, line);
            }
            parsed.add(new Guarded(step, from, andLater));
        }
        return new AgentScript(parsed);
    }

    private static Step simpleStep(String keyword, String rest, int line) throws ScriptSyntaxException {
        switch (keyword) {
            case "delete": {
                List<String> tokens = Tokenizer.split(rest, line);
                if (tokens.size() != 1) {
                    throw new ScriptSyntaxException(line, "delete wants one PATH, got '" + rest + "'");
                }
                return new Step.Delete(line, checkedPath(tokens.get(0), line));
            }
            case "run": {
                List<String> argv = Tokenizer.split(rest, line);
                if (argv.isEmpty()) {
                    throw new ScriptSyntaxException(line, "run wants a command");
                }
                return new Step.Run(line, argv);
            }
            case "commit":
                if (rest.isEmpty()) {
                    throw new ScriptSyntaxException(line, "commit wants a message");
                }
                return new Step.Commit(line, rest);
            case "sleep": {
                Matcher m = DURATION.matcher(rest);
                if (!m.matches()) {
                    throw new ScriptSyntaxException(
                            line, "sleep wants a duration like 500ms, 2s or 1m, got '" + rest + "'");
                }
                long amount = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMinutes(amount);
                };
                return new Step.Sleep(line, d);
            }
            case "say":
                return new Step.Say(line, rest);
            case "exit":
                if (!rest.matches("\\d{1,3}") || Integer.parseInt(rest) > 255) {
                    throw new ScriptSyntaxException(line, "exit wants a code from 0 to 255, got '" + rest + "'");
                }
                return new Step.Exit(line, Integer.parseInt(rest));
            default:
                throw new ScriptSyntaxException(
                        line,
                        "unknown step '" + keyword + "'"
                                + " (known: attempt, write, append, delete, run, commit, sleep, say, exit)");
        }
    }

    private static int closingTag(List<String> lines, int from, String tag) {
        for (int j = from; j < lines.size(); j++) {
            if (lines.get(j).strip().equals(tag)) {
                return j;
            }
        }
        return -1;
    }

    /** Rejected at parse time so a bad path fails the whole script before it changes anything. */
    private static String checkedPath(String path, int line) throws ScriptSyntaxException {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new ScriptSyntaxException(line, "invalid path '" + path + "': " + e.getReason());
        }
        if (p.isAbsolute()) {
            throw new ScriptSyntaxException(
                    line, "absolute path '" + path + "' is not allowed: paths are relative to the working directory");
        }
        Path normal = p.normalize();
        if (normal.toString().isEmpty() || normal.startsWith("..")) {
            throw new ScriptSyntaxException(line, "path '" + path + "' is outside the working directory");
        }
        return normal.toString();
    }

    /** The steps that run on the given attempt, in script order. */
    public List<Step> stepsFor(int attempt) {
        return steps.stream().filter(g -> g.runsOn(attempt)).map(Guarded::step).toList();
    }
}
