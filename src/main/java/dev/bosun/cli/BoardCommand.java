package dev.bosun.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bosun board}: the board as of now (the same Markdown as {@code .bosun/board.md}). */
@Command(name = "board", mixinStandardHelpOptions = true, description = "Print the task board (Markdown).")
final class BoardCommand extends ServerCommand {

    @Option(names = "--json", description = "print the tasks by board status as JSON instead")
    boolean json;

    @Override
    public void run() {
        if (json) {
            printJson(client().get("/api/status").path("tasks"));
            return;
        }
        out().print(client().getText("/api/board"));
    }
}
