package dev.bosun.merge;

import static dev.bosun.workspace.GitFixture.commit;
import static dev.bosun.workspace.GitFixture.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;

import dev.bosun.lease.BosunSchema;
import dev.bosun.lease.JdbcLease;
import dev.bosun.lease.Lease;
import dev.bosun.lease.NodeIdentity;
import dev.bosun.support.Await;
import dev.bosun.workspace.GitFixture;
import dev.bosun.workspace.GitWorktrees;
import dev.bosun.workspace.ProcessGroupTestRunner;
import dev.bosun.workspace.TestCheckouts;
import dev.bosun.workspace.Worktree;

/**
 * A real repository for merge-queue tests and the benchmark: {@code test.sh} counts its runs in a
 * file outside the repository, is red when {@code bad.txt} exists, takes {@code seconds} (a plain
 * {@code sleep}, the "slow suite"), and while {@code block} exists writes {@code started} and waits
 * for {@code release} (to kill a server in the middle of a batch's test run). Task {@code i} is
 * member {@code eng-i}'s branch adding its own file {@code file-i.txt}.
 */
public final class MergeQueueRig {

    public static final List<String> TEST_COMMAND = List.of("sh", "test.sh");

    public final Path repo;
    public final Path runs;
    public final Path block;
    public final Path started;
    public final Path release;
    public final JdbcDataSource dataSource;
    public final JdbcLease lock;
    public final JdbcMergeJournal journal;
    public final GitWorktrees worktrees;

    private MergeQueueRig(Path dir, String databaseUrl, boolean existing) {
        this.repo = dir.resolve("repo");
        this.runs = dir.resolve("runs.txt");
        this.block = dir.resolve("block");
        this.started = dir.resolve("started");
        this.release = dir.resolve("release");
        this.dataSource = new JdbcDataSource();
        dataSource.setURL(databaseUrl);
        if (!existing) {
            BosunSchema.migrate(dataSource);
        }
        this.lock = new JdbcLease(dataSource, "merge", Duration.ofSeconds(1), Clock.systemUTC());
        this.journal = new JdbcMergeJournal(dataSource);
        this.worktrees = new GitWorktrees(repo, "main");
    }

    /** A new repository under {@code dir} with a test suite that takes {@code seconds}. */
    public static MergeQueueRig create(Path dir, String databaseUrl, int seconds) {
        try {
            Files.createDirectories(dir.resolve("repo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String script = "echo run >> '" + dir.resolve("runs.txt") + "'\n"
                + "if [ -e '" + dir.resolve("block") + "' ]; then touch '" + dir.resolve("started") + "';"
                + " while [ ! -e '" + dir.resolve("release") + "' ]; do sleep 0.1; done; fi\n"
                + (seconds > 0 ? "sleep " + seconds + "\n" : "")
                + "echo testing; [ ! -e bad.txt ]\n";
        GitFixture.repository(dir.resolve("repo"), script);
        git(dir.resolve("repo"), "switch", "-q", "--detach"); // trunk not checked out: the ref moves
        return new MergeQueueRig(dir, databaseUrl, false);
    }

    /** The rig of a repository and database made before (by another JVM). */
    public static MergeQueueRig open(Path dir, String databaseUrl) {
        MergeQueueRig rig = new MergeQueueRig(dir, databaseUrl, true);
        BosunSchema.migrate(rig.dataSource);
        return rig;
    }

    public GitMerger merger(Duration lockWait, List<MergeObserver> observers) {
        return new GitMerger(
                repo,
                "main",
                lock,
                NodeIdentity.mint(),
                journal,
                new TestCheckouts(repo, new ProcessGroupTestRunner()),
                lockWait,
                repo.resolve(".bosun/logs"),
                observers);
    }

    /** Task {@code i}'s branch with one commit adding {@code file-i.txt} (and {@code bad.txt} when red). */
    public MergeRequest task(int i, boolean red) {
        Worktree worktree = worktrees.prepare("eng-" + i, "task-" + i, null);
        if (red) {
            GitFixture.write(worktree.path().resolve("bad.txt"), "breaks the tests\n");
            git(worktree.path(), "add", "bad.txt");
        }
        String head = commit(worktree.path(), "file-" + i + ".txt", "change " + i + "\n", "change " + i);
        return request(worktree, "task-" + i, head);
    }

    /** The request for a branch prepared before (a retry of the step after a crash). */
    public MergeRequest again(int i, String testedCommit) {
        return request(
                new Worktree("eng-" + i, "eng-" + i + "/task-" + i, repo.resolve(".bosun/worktrees/eng-" + i)),
                "task-" + i,
                testedCommit);
    }

    /**
     * Merges every request on a thread of its own while another holder keeps the lease, one at a
     * time so that the queue's order is the list's, then lets the lease go: the first round takes
     * them all as one batch. Returns each request's outcome to come, in the list's order.
     */
    public List<Future<MergeOutcome>> queueAsOneBatch(
            MergeQueue queue, List<MergeRequest> requests, ExecutorService threads) {
        Lease.Held busy = lock.acquire("someone-else", Duration.ofMinutes(1)).orElseThrow();
        List<Future<MergeOutcome>> outcomes = new ArrayList<>();
        try {
            for (MergeRequest request : requests) {
                outcomes.add(threads.submit(() -> queue.merge(request)));
                int queued = outcomes.size();
                Await.until(
                        "merge " + queued + " queued",
                        Duration.ofMinutes(1),
                        () -> queue.entries().size(),
                        n -> n == queued);
            }
            List<String> order =
                    queue.entries().stream().map(MergeQueue.Entry::taskId).toList();
            if (!order.equals(requests.stream().map(MergeRequest::taskId).toList())) {
                throw new IllegalStateException("queued out of order: " + order);
            }
        } finally {
            busy.close();
        }
        return outcomes;
    }

    private static MergeRequest request(Worktree worktree, String taskId, String testedCommit) {
        return new MergeRequest(
                taskId,
                "Title of " + taskId,
                worktree,
                testedCommit,
                false,
                TEST_COMMAND,
                Duration.ofMinutes(2),
                List.of(),
                null);
    }

    public String tip() {
        return git(repo, "rev-parse", "main");
    }

    /** How often test.sh ran. */
    public int runs() {
        try {
            return Files.exists(runs) ? (int) Files.readAllLines(runs).stream().count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trunk's first-parent commits after {@code since}, oldest first. */
    public List<String> firstParentsSince(String since) {
        String out = git(repo, "rev-list", "--first-parent", "--reverse", since + "..main");
        return out.isBlank() ? List.of() : Arrays.asList(out.split("\n"));
    }

    /** How many {@code Bosun-Task: <taskId>} trailers trunk's first-parent history holds. */
    public long trailers(String taskId) {
        return git(repo, "log", "--first-parent", "--format=%B", "main")
                .lines()
                .filter(line -> line.equals("Bosun-Task: " + taskId))
                .count();
    }
}
