package dev.bosun.team;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@code .bosun} folder: the team file and, on request, prompt files. */
final class TeamFixture {

    private TeamFixture() {}

    static Path write(Path root, String yaml, String... prompts) {
        try {
            Path bosun = Files.createDirectories(root.resolve(".bosun"));
            Files.createDirectories(bosun.resolve("prompts"));
            for (String prompt : prompts) {
                Files.writeString(bosun.resolve("prompts").resolve(prompt), "You are " + prompt + ".\n");
            }
            Path team = bosun.resolve("team.yaml");
            Files.writeString(team, yaml);
            return team;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Team load(Path root, String yaml, String... prompts) {
        return TeamFile.load(write(root, yaml, prompts));
    }
}
