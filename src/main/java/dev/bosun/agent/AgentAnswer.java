package dev.bosun.agent;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an agent answered in a turn, read from its terminal's last lines: the text after the
 * result line of Claude Code's rendered stream ({@link ClaudeStreamFormat#RESULT}), the
 * {@code result} of a JSON result line (a command that prints Claude Code's
 * {@code --output-format json}), else the last lines as printed.
 */
public final class AgentAnswer {

    static final int MAX_LINES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentAnswer() {}

    public static String of(List<String> outputTail) {
        List<String> lines = outputTail.stream().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        for (int i = lines.size() - 2; i >= 0; i--) {
            if (lines.get(i).startsWith(ClaudeStreamFormat.RESULT)) {
                return String.join("\n", lines.subList(i + 1, lines.size())).strip();
            }
        }
        String last = lines.get(lines.size() - 1).strip();
        if (last.startsWith("{") && last.endsWith("}")) {
            try {
                JsonNode result = JSON.readTree(last).path("result");
                if (result.isTextual()) {
                    return result.asText().strip();
                }
            } catch (java.io.IOException e) {
                // not JSON after all: the plain lines below
            }
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size()));
    }
}
