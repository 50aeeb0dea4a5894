package dev.bosun.agent.script;

import java.time.Duration;
import java.util.List;

/** One parsed step of a {@code bosun-script}; {@code line} is its line within the block. */
public sealed interface Step {

    int line();

    /** {@code write PATH <<TAG} (or {@code append}): content is already joined and ends with a newline. */
    record Write(int line, String path, String content, boolean append) implements Step {}

    record Delete(int line, String path) implements Step {}

    record Run(int line, List<String> argv) implements Step {
        public Run {
            argv = List.copyOf(argv);
        }
    }

    record Commit(int line, String message) implements Step {}

    record Sleep(int line, Duration duration) implements Step {}

    record Say(int line, String text) implements Step {}

    record Exit(int line, int code) implements Step {}
}
