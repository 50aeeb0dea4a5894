package dev.bosun.merge;

import static dev.bosun.workspace.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.Await;
import dev.bosun.support.TestTimeouts;
import dev.bosun.workspace.GitCli;

/**
 * kill -9 of a node in the middle of a batch's test run (a real JVM of its own, {@link
 * MergeQueueCrashMain}), then the steps run again on a fresh queue ("after the restart"): nothing
 * is lost (every task's change ends on trunk, no branch was touched before) and nothing is merged
 * twice (one {@code Bosun-Task} trailer and one journal row per task).
 */
class MergeQueueKillTest {

    @TempDir
    Path dir;

    @Test
    void aNodeKilledInTheMiddleOfABatchLosesNothingAndMergesNothingTwice() throws Exception {
        String database = "jdbc:h2:file:" + dir.resolve("db/bosun") + ";FILE_LOCK=NO";
        MergeQueueRig rig = MergeQueueRig.create(dir, database, 0);
        String oldTip = rig.tip();
        List<String> heads = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            heads.add(rig.task(i, false).testedCommit());
        }
        Files.writeString(rig.block, "");

        Process node = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MergeQueueCrashMain.class.getName(),
                        dir.toString(),
                        database,
                        "4")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("node.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            Await.until(
                    "the batch's test run to start (node log: " + dir.resolve("node.log") + ")",
                    Duration.ofMinutes(2),
                    () -> Files.exists(rig.started) || !node.isAlive(),
                    started -> started);
            assertThat(node.isAlive())
                    .as("node still running: %s", dir.resolve("node.log"))
                    .isTrue();
        } finally {
            node.destroyForcibly(); // SIGKILL
            assertThat(node.waitFor(TestTimeouts.scaled(Duration.ofMinutes(1)).toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
        }
        // Killed while testing: trunk and every branch as before the batch.
        assertThat(rig.tip()).isEqualTo(oldTip);
        for (int i = 1; i <= 4; i++) {
            assertThat(git(rig.repo, "rev-parse", "eng-" + i + "/task-" + i)).isEqualTo(heads.get(i - 1));
        }
        Files.delete(rig.block);
        Files.writeString(rig.release, "");

        // After the restart every merge step runs again, on a new queue in this JVM.
        MergeQueueRig restarted = MergeQueueRig.open(dir, database);
        MergeQueue queue = new MergeQueue(restarted.merger(Duration.ofMinutes(2), List.of()), 8);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<MergeOutcome>> outcomes = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                MergeRequest request = restarted.again(i, heads.get(i - 1));
                outcomes.add(threads.submit(() -> queue.merge(request)));
            }
            for (Future<MergeOutcome> outcome : outcomes) {
                assertThat(outcome.get(
                                TestTimeouts.scaled(Duration.ofMinutes(3)).toMillis(), TimeUnit.MILLISECONDS))
                        .isInstanceOf(MergeOutcome.Merged.class);
            }
            // and once more, as a second restart would: found, not merged again
            for (int i = 1; i <= 4; i++) {
                assertThat(queue.merge(restarted.again(i, heads.get(i - 1))))
                        .isInstanceOf(MergeOutcome.Merged.class)
                        .extracting(o -> ((MergeOutcome.Merged) o).alreadyMerged())
                        .isEqualTo(true);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int i = 1; i <= 4; i++) {
            assertThat(restarted.trailers("task-" + i))
                    .as("trailers of task-%d", i)
                    .isEqualTo(1);
            assertThat(restarted.journal.commitsOf("task-" + i)).hasSize(1);
            assertThat(git(rig.repo, "show", "main:file-" + i + ".txt")).isEqualTo("change " + i);
            assertThat(new GitCli()
                            .run(rig.repo, "rev-parse", "--verify", "-q", "refs/heads/eng-" + i + "/task-" + i)
                            .ok())
                    .isFalse();
        }
        assertThat(restarted.firstParentsSince(oldTip)).isNotEmpty();
    }
}
