package dev.bosun.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.merge.MergeQueue;

/**
 * {@code .bosun/board.md}, re-rendered from the engine's state after every task or plan step. It is
 * a projection: written whole to a temp file and moved into place, so a reader never sees half a
 * board, and a failed write only costs a stale board, never a task.
 */
@Component
public class BoardFile {

    private static final Logger log = LoggerFactory.getLogger(BoardFile.class);

    private final TaskReadModel tasks;
    private final PlanReadModel plans;
    private final Path file;
    private final int maxAttempts;
    /** Absent where no merger is wired (tests of the board alone). */
    private final @Nullable MergeQueue mergeQueue;

    BoardFile(
            TaskReadModel tasks,
            PlanReadModel plans,
            BosunProperties properties,
            ObjectProvider<MergeQueue> mergeQueue) {
        this.tasks = tasks;
        this.plans = plans;
        this.file = properties.bosunDir().resolve("board.md");
        this.maxAttempts = properties.maxRetries() + 1;
        this.mergeQueue = mergeQueue.getIfAvailable();
    }

    /** Renders and writes the board; serialized, because transitions on several threads call it. */
    public synchronized void refresh() {
        String markdown = render();
        try {
            Files.createDirectories(file.getParent());
            // A fixed name (refresh is serialized): createTempFile would make the board owner-only.
            Path temp = file.resolveSibling(".board.md.tmp");
            // getBytes replaces what UTF-8 cannot encode (a lone surrogate from a process started
            // outside the API); writeString would refuse it, and so every later write, for good.
            Files.write(temp, markdown.getBytes(StandardCharsets.UTF_8));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    /** The board as of now, from the engine (what {@code bosun board} prints). */
    public String render() {
        String board = BoardMarkdown.render(tasks.all(), plans.all(), maxAttempts, Instant.now());
        return mergeQueue == null ? board : board + BoardMergeQueue.section(mergeQueue.entries(), mergeQueue.limit());
    }

    public Path file() {
        return file;
    }
}
