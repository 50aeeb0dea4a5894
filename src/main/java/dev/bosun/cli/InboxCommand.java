package dev.bosun.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bosun inbox [MEMBER]}: the messages of a member (or all of them) with their delivery status. */
@Command(
        name = "inbox",
        mixinStandardHelpOptions = true,
        description = {
            "List messages, oldest first, with their delivery status.",
            "MEMBER's inbox holds what was sent to it, and to its role while nobody has taken it."
        })
final class InboxCommand extends ServerCommand {

    private static final int PREVIEW = 60;
    private static final String[] HEADER = {"ID", "FROM", "TO", "DELIVERED TO", "STATUS", "SENT", "MESSAGE"};

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MEMBER",
            description = "whose inbox (default: $BOSUN_MEMBER; every message when that is unset)")
    String member;

    @Option(names = "--json", description = "print the messages as JSON")
    boolean json;

    @Override
    public void run() {
        String who = member != null ? member : context.env("BOSUN_MEMBER");
        JsonNode messages =
                client().get(who == null ? "/api/messages" : "/api/messages?member=" + BosunClient.encode(who));
        if (json) {
            printJson(messages);
        } else if (messages.isEmpty()) {
            out().println(who == null ? "no messages" : "no messages for " + who);
        } else {
            out().print(table(messages));
        }
    }

    private static String table(JsonNode messages) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode m : messages) {
            rows.add(new String[] {
                m.path("id").asText(),
                m.path("from").asText(),
                m.path("to").asText(),
                m.path("deliveredTo").asText("-"),
                m.path("status").asText(),
                seconds(m.path("createdAt").asText()),
                preview(m.path("body").asText())
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The first line, shortened: the table is an overview, {@code --json} has the whole text. */
    private static String preview(String body) {
        String first = body.strip().lines().findFirst().orElse("");
        boolean more = first.length() > PREVIEW || body.strip().lines().count() > 1;
        return (first.length() > PREVIEW ? first.substring(0, PREVIEW) : first) + (more ? " ..." : "");
    }

    /** {@code 2025-05-01T10:11:12.345Z} → {@code 2025-05-01T10:11:12Z}. */
    private static String seconds(String instant) {
        int dot = instant.indexOf('.');
        return dot < 0 ? instant : instant.substring(0, dot) + "Z";
    }
}
