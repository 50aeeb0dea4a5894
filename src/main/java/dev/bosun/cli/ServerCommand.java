package dev.bosun.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import dev.bosun.ServerFile;
import dev.bosun.security.SecretsFolder;
import dev.bosun.team.Team;

/**
 * A command that talks to a Bosun server over its REST API. The server is, in this order:
 * {@code --url}, {@code $BOSUN_URL}, the one that runs for this repository
 * ({@code .bosun/server.json}; none is an error), or {@value #DEFAULT_URL} outside a repository.
 * Its credential is {@code $BOSUN_TOKEN} (an agent's, inside its turn) or the API token in the repository's
 * {@code .bosun/secrets/api-token} (the user who started the server); never an option, which
 * would show the token in {@code ps}.
 */
abstract class ServerCommand extends RepositoryCommand {

    static final String DEFAULT_URL = "http://localhost:8080";

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Bosun server (default: $BOSUN_URL, else the server that runs for this repository;"
                    + " outside a repository " + DEFAULT_URL + ")")
    String url;

    BosunClient client() {
        return new BosunClient(serverUrl(), token(), osUser());
    }

    /**
     * Who runs this command: {@code $USER} (as the shell says), else the JVM's {@code user.name}.
     * The server records it as who decided an escalation; the API token alone names no one.
     */
    @Nullable
    String osUser() {
        String fromEnv = context.env("USER");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String property = System.getProperty("user.name");
        return property == null || property.isBlank() ? null : property.strip();
    }

    /** {@code $BOSUN_TOKEN}, else the API token of the repository around the working directory, else null. */
    @Nullable
    String token() {
        String fromEnv = context.env("BOSUN_TOKEN");
        if (fromEnv != null) {
            return fromEnv.strip();
        }
        Optional<Path> root = Repositories.find(workingDirectory);
        if (root.isEmpty()) {
            return null;
        }
        Path file = SecretsFolder.of(root.get()).file(SecretsFolder.API_TOKEN);
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            throw new CliException("cannot read the API token " + file + ": " + e.getMessage());
        }
    }

    String serverUrl() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        String fromEnv = context.env("BOSUN_URL");
        if (fromEnv != null) {
            return fromEnv;
        }
        Optional<Path> root = Repositories.find(workingDirectory);
        if (root.isEmpty()) {
            return DEFAULT_URL;
        }
        // Inside a repository the server writes server.json while it runs and removes it when it
        // stops: without the file, trying DEFAULT_URL would reach some other server, or none.
        return localServer()
                .map(ServerFile.Contents::url)
                .orElseThrow(() -> new CliException("no Bosun server runs for " + root.get()
                        + "; start one with bosun start, or name one with --url or BOSUN_URL"));
    }

    /** The server started for the repository around the working directory, if its file is there. */
    Optional<ServerFile.Contents> localServer() {
        Optional<Path> root = Repositories.find(workingDirectory);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Path file = ServerFile.path(root.get());
        return Files.isRegularFile(file) ? ServerFile.read(file) : Optional.empty();
    }

    /** The sender of messages and task additions: the agent's member name, or {@code human}. */
    String sender() {
        String member = context.env("BOSUN_MEMBER");
        return member == null ? Team.HUMAN : member;
    }
}
