package dev.bosun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.bosun.security.AgentTokens;
import dev.bosun.security.SecretsFolder;

/** The credentials a server of a test repository created: its API token and the agent tokens derived from it. */
public final class ApiTokens {

    private ApiTokens() {}

    /** The person's token from {@code .bosun/secrets/api-token} (the server creates it before it answers). */
    public static String person(Path repository) {
        Path file = SecretsFolder.of(repository).file(SecretsFolder.API_TOKEN);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no API token yet: " + file, e);
        }
    }

    /** The {@code BOSUN_TOKEN} the member's turns get. */
    public static String agent(Path repository, String member) {
        return new AgentTokens(person(repository)).tokenFor(member);
    }

    /** {@code Bearer <the person's token>}. */
    public static String bearer(Path repository) {
        return "Bearer " + person(repository);
    }
}
