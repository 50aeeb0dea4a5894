package dev.bosun.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.jspecify.annotations.Nullable;

/**
 * Writes a turn's prompt to its file ({@link TurnRequest#promptFile()}), so a prompt of any size
 * reaches the agent whole: an argument is capped by the kernel, a file is not. The file is
 * written in full under a temporary name (mode 0600, like any file {@code createTempFile} makes)
 * and then renamed over the old one, so an agent never reads half of it or the last turn's.
 *
 * <p>Stateless; two writers of one file must not overlap (a member runs one turn at a time).
 */
final class PromptFile {

    /** The variable that names the prompt file in every agent's environment. */
    static final String VARIABLE = "BOSUN_PROMPT_FILE";

    private PromptFile() {}

    /** @throws AgentStartException naming the file when it cannot be written: the turn cannot start */
    static void write(Path file, String prompt) {
        @Nullable Path temporary = null;
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            Files.write(temporary, prompt.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw new AgentStartException("cannot write the prompt of this turn to " + file + ": " + e, e);
        }
    }

    private static void deleteQuietly(@Nullable Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the write failed already; that is the error to report
            }
        }
    }
}
