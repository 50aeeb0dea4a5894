package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and with which environment {@code bosun} runs, and where its output goes: the process's
 * own in production, a temp repository, a chosen environment and string writers in tests.
 */
record CliContext(Path workingDirectory, Map<String, String> environment, PrintWriter out, PrintWriter err) {

    CliContext {
        environment = Map.copyOf(environment);
    }

    String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
