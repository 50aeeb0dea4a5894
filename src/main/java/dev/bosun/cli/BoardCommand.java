package dev.bosun.cli;

import picocli.CommandLine.Command;

/** {@code bosun board}: the board as of now (the same Markdown as {@code .bosun/board.md}). */
@Command(name = "board", mixinStandardHelpOptions = true, description = "Print the task board (Markdown).")
final class BoardCommand extends ServerCommand {

    @Override
    public void run() {
        out().print(client().getText("/api/board"));
    }
}
