package dev.bosun.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a CLI that prints one JSON event per line (Codex {@code --json}, Gemini CLI
 * {@code --output-format stream-json}, opencode {@code --format json}): each event with a
 * {@code type} is rendered into readable lines by the subclass; any other line (a warning the
 * CLI prints before its events, say) is shown as it is. The conversation id is published as
 * soon as an event names it; the usage is read by the turn's thread after the reader ended.
 */
abstract class JsonEventReading implements OutputFormat.Reading {

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile @Nullable String session;
    private volatile @Nullable TurnUsage usage;

    @Override
    public final List<String> render(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return List.of(line);
        }
        JsonNode event;
        try {
            event = JSON.readTree(trimmed);
        } catch (IOException e) {
            return List.of(line);
        }
        if (event == null || !event.path("type").isTextual()) {
            return List.of(line);
        }
        return event(event);
    }

    /** The lines to show for one event; none to hide it. */
    protected abstract List<String> event(JsonNode event);

    protected final void session(String id) {
        if (!id.isBlank()) {
            session = id;
        }
    }

    protected final void usage(TurnUsage reported) {
        usage = reported;
    }

    @Override
    public final @Nullable String sessionId() {
        return session;
    }

    @Override
    public final @Nullable TurnUsage usage() {
        return usage;
    }

    /** {@code prefix} in front of the first line of {@code text}, the others indented to match. */
    static List<String> lines(String prefix, String text) {
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(prefix.length());
        String[] parts = text.stripTrailing().split("\r?\n", -1);
        for (int i = 0; i < parts.length; i++) {
            lines.add((i == 0 ? prefix : indent) + parts[i]);
        }
        return lines;
    }

    /** The lines of a tool's output, as the tool printed them; none for empty output. */
    static List<String> output(String text) {
        String trimmed = text.stripTrailing();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\r?\n", -1));
    }

    /** The turn's usage in the same words for every CLI. */
    static String tokens(TurnUsage usage) {
        return "tokens: " + usage.inputTokens() + " in, " + usage.outputTokens() + " out"
                + (usage.costUsd() == null ? "" : ", $" + usage.costUsd().toPlainString());
    }
}
