package dev.bosun.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bosun send ROLE-OR-MEMBER MESSAGE...}: queues a message for an agent, as $BOSUN_MEMBER or human. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Send a message to a member, or to a role (one idle member of it reads it).",
            "The sender is $BOSUN_MEMBER, or human; a member may only message the roles its talks_to allows.",
            "The recipient's agent gets it as the prompt of its next turn once it is idle."
        })
final class SendCommand extends ServerCommand {

    @Parameters(index = "0", paramLabel = "ROLE-OR-MEMBER", description = "a member (eng-1-1) or a role (architect)")
    String to;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "MESSAGE",
            description = "the message; words are joined with spaces")
    List<String> words;

    @Option(names = "--json", description = "print the stored message as JSON")
    boolean json;

    @Override
    public void run() {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("from", sender());
        request.put("to", to);
        request.put("body", String.join(" ", words));
        JsonNode message = client().post("/api/messages", request);
        if (json) {
            printJson(message);
        } else {
            out().println("sent message " + message.path("id").asText() + " to " + to);
        }
    }
}
