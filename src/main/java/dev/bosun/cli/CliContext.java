package dev.bosun.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where and with which environment {@code bosun} runs: the process's own in production, a temp
 * repository and a chosen environment in tests.
 */
record CliContext(Path workingDirectory, Map<String, String> environment) {

    CliContext {
        environment = Map.copyOf(environment);
    }

    String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
