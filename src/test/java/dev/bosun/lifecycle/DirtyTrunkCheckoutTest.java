package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.board.TaskSummary;
import dev.bosun.process.ProcessIds;

/**
 * The user's checkout has trunk checked out and files in it that a merge would overwrite: the merge
 * step fails with a reason naming them and the way out, trunk and the user's files stay as they
 * were, and {@code bosun task retry} merges once they are out of the way. Uncommitted changes a
 * merge does not touch are no obstacle, so a dirty checkout alone is not refused at start.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.engineers=1", "bosun.worker.poll-interval=100ms"})
class DirtyTrunkCheckoutTest extends LifecycleTestSupport {

    @LocalServerPort
    int port;

    @Test
    void uncommittedChangesInTheWayStopTheMergeUntilStashedThenTaskRetryMerges() throws IOException {
        Path shared = repository.root().resolve("shared.txt");
        Files.writeString(shared, "my own edit\n");
        String trunkBefore = repository.git("rev-parse", "main");

        String id = start("Edit shared", script("write shared.txt <<EOF", "edited by the task", "EOF", "commit edit"));

        TaskSummary stuck = awaitStatus(id, "incident");
        assertThat(stuck.reason())
                .startsWith(ProcessIds.TASK_MERGE + ": ")
                .contains(
                        "the checkout at " + repository.root() + " has main checked out with uncommitted changes to"
                                + " shared.txt, which merging task " + id + " would overwrite",
                        "Commit or stash them (git stash -u), then: bosun task retry " + id);
        assertThat(repository.git("rev-parse", "main")).isEqualTo(trunkBefore);
        assertThat(Files.readString(shared)).isEqualTo("my own edit\n");
        assertThat(cli(port, 0, "status")).contains("incident");

        repository.git("stash");
        assertThat(cli(port, 0, "task", "retry", id)).contains("task " + id + ": its failed step runs again");

        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:shared.txt")).isEqualTo("edited by the task");
        assertThat(Files.readString(shared)).as("the checkout follows trunk").isEqualTo("edited by the task\n");
        assertThat(repository.git("stash", "list"))
                .as("the user's edit is kept")
                .contains("stash@{0}");
    }

    @Test
    void anUntrackedFileTheTaskWouldCreateStopsTheMergeUntilMoved() throws IOException {
        Path mine = repository.root().resolve("notes.txt");
        Files.writeString(mine, "mine\n");

        String id = start("Add notes", script("write notes.txt <<EOF", "the task's notes", "EOF", "commit notes"));

        TaskSummary stuck = awaitStatus(id, "incident");
        assertThat(stuck.reason()).contains("with untracked notes.txt, which merging task " + id + " would overwrite");
        assertThat(Files.readString(mine)).isEqualTo("mine\n");

        Files.move(mine, repository.root().resolve("notes.txt.mine"));
        cli(port, 0, "task", "retry", id);

        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:notes.txt")).isEqualTo("the task's notes");
        Files.delete(repository.root().resolve("notes.txt.mine"));
    }

    @Test
    void uncommittedChangesTheMergeDoesNotTouchStayAndTheTaskMerges() throws IOException {
        Path readme = repository.root().resolve("README.md");
        Files.writeString(readme, "# my draft\n");

        String id = start("Add other", script("write other.txt <<EOF", "other", "EOF", "commit other"));

        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:other.txt")).isEqualTo("other");
        assertThat(Files.readString(readme)).isEqualTo("# my draft\n");
        repository.git("checkout", "--", "README.md");
    }
}
