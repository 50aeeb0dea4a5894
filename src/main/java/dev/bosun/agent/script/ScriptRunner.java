package dev.bosun.agent.script;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Executes script steps in a working directory and says what it does, so the agent's terminal
 * log reads like a transcript. Every external command is an argv list, never a shell string.
 */
final class ScriptRunner {

    private final Path workDir;
    private final PrintStream out;

    ScriptRunner(Path workDir, PrintStream out) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.out = out;
    }

    /** Runs the steps in order; returns the exit code the agent should end with. */
    int run(List<Step> steps) throws IOException, InterruptedException {
        for (Step step : steps) {
            int code = execute(step);
            if (code >= 0) {
                return code;
            }
        }
        return 0;
    }

    /** Returns -1 to continue with the next step, otherwise the exit code to stop with. */
    private int execute(Step step) throws IOException, InterruptedException {
        if (step instanceof Step.Write w) {
            Path target = resolve(w.path());
            Files.createDirectories(target.getParent());
            if (w.append()) {
                Files.writeString(
                        target,
                        w.content(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                out.println("appended to " + w.path());
            } else {
                Files.writeString(target, w.content(), StandardCharsets.UTF_8);
                out.println("wrote " + w.path());
            }
        } else if (step instanceof Step.Delete d) {
            out.println(delete(resolve(d.path())) ? "deleted " + d.path() : "nothing to delete at " + d.path());
        } else if (step instanceof Step.Run r) {
            out.println("$ " + String.join(" ", r.argv()));
            int code = command(r.argv());
            if (code != 0) {
                out.println("run failed with exit code " + code + " (line " + r.line() + "), stopping");
                return code;
            }
        } else if (step instanceof Step.Commit c) {
            return commit(c.message());
        } else if (step instanceof Step.Sleep s) {
            out.println("sleeping " + s.duration().toMillis() + " ms");
            Thread.sleep(s.duration().toMillis());
        } else if (step instanceof Step.Say s) {
            out.println(s.text());
        } else if (step instanceof Step.Exit e) {
            out.println("exit " + e.code());
            return e.code();
        }
        return -1;
    }

    private int commit(String message) throws IOException, InterruptedException {
        int code = command(List.of("git", "add", "-A"));
        if (code != 0) {
            out.println("git add failed with exit code " + code);
            return code;
        }
        // `git diff --cached --quiet` exits 0 exactly when nothing is staged
        if (command(List.of("git", "diff", "--cached", "--quiet")) == 0) {
            out.println("nothing to commit for '" + message + "'");
            return -1;
        }
        code = command(List.of("git", "commit", "--quiet", "-m", message));
        if (code != 0) {
            out.println("git commit failed with exit code " + code);
            return code;
        }
        Process head = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        String sha = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        head.waitFor();
        out.println("committed " + sha + " " + message);
        return -1;
    }

    /** Runs argv with the terminal inherited, so its output lands in the agent's PTY unchanged. */
    private int command(List<String> argv) throws InterruptedException {
        out.flush();
        try {
            return new ProcessBuilder(argv)
                    .directory(workDir.toFile())
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            out.println("cannot run " + argv.get(0) + ": " + e.getMessage());
            return 127; // what a shell reports for a command it cannot find
        }
    }

    private boolean delete(Path target) throws IOException {
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(target)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            Files.delete(p);
        }
        return true;
    }

    /** The parser already rejects escapes; this re-checks against the real directory. */
    private Path resolve(String path) {
        Path target = workDir.resolve(path).normalize();
        if (!target.startsWith(workDir) || target.equals(workDir)) {
            throw new IllegalArgumentException("path '" + path + "' is outside the working directory " + workDir);
        }
        return target;
    }
}
