package dev.bosun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a user can set under the prefix {@code bosun}, from {@code application.yaml}, the
 * command line ({@code --bosun.engineers=3}) or the environment ({@code BOSUN_ENGINEERS=3}),
 * except what the security area reads itself ({@code bosun.security.*} in {@code SecuritySettings},
 * the secret {@code bosun.api-token} in {@code Credentials}).
 *
 * @param repository      the git repository Bosun works on (its main working tree)
 * @param trunk           the branch tasks are merged into
 * @param testCommand     argv of the test gate, run in Bosun's own checkout of the exact commit; exit 0 is green
 * @param testTimeout     after this the test's whole process group is killed and the run is red
 * @param engineers       how many engineers ({@code eng-1} .. {@code eng-N}) claim tasks
 * @param maxRetries      how many times a red task goes back to its engineer before escalation
 * @param turnTimeout     after this an agent turn is killed (its commits stay on the branch)
 * @param mergeLockTimeout how long a merge waits for the merge lock before it fails
 * @param stallTimeout    a working member whose terminal printed nothing for this long is stalled
 * @param processesDir    the BPMN folder deployed at start-up
 * @param agent           which agent the engineers run
 * @param worker          how the in-process external-task workers poll and lock
 * @param protectedPaths  glob patterns (repository-relative) of files a branch may not change
 *                        without a human's approval, on top of those always protected (the test
 *                        command's files, {@code .bosun/**}, {@code .ci/**}, {@code .github/**})
 * @param retry           how Bosun's own loops and calls ride out failures that pass
 * @param events          the event log {@code .bosun/events.jsonl}
 * @param demo            the demo mode (the {@code demo} profile turns it on)
 * @param plan            the plan process: approval, and how often the architect is sent back
 * @param logs            the members' terminal logs and test-run logs under {@code .bosun/logs}
 * @param stop            what a stop ({@code bosun stop}, SIGTERM, Ctrl-C) waits for
 */
@ConfigurationProperties(prefix = "bosun")
public record BosunProperties(
        @DefaultValue(".") Path repository,
        @DefaultValue("main") String trunk,
        @DefaultValue({"sh", "test.sh"}) List<String> testCommand,
        @DefaultValue("10m") Duration testTimeout,
        @DefaultValue("2") int engineers,
        @DefaultValue("2") int maxRetries,
        @DefaultValue("30m") Duration turnTimeout,
        @DefaultValue("60s") Duration mergeLockTimeout,
        @DefaultValue("5m") Duration stallTimeout,
        @DefaultValue("processes") Path processesDir,
        @DefaultValue Agent agent,
        @DefaultValue Worker worker,
        @DefaultValue List<String> protectedPaths,
        @DefaultValue Retry retry,
        @DefaultValue Events events,
        @DefaultValue Demo demo,
        @DefaultValue Plan plan,
        @DefaultValue Logs logs,
        @DefaultValue Stop stop) {

    /**
     * @param kind          {@code script} (built in, no model) or {@code command} (any CLI)
     * @param command       argv for the {@code command} kind; an element {@code {prompt}} becomes the
     *                      prompt as one argument
     * @param stallRestarts how often a code turn that shows no sign of life is restarted (after a
     *                      nudge each time) before its task escalates as stalled
     */
    public record Agent(
            @DefaultValue("script") String kind,
            List<String> command,
            @DefaultValue("2") int stallRestarts) {
        public Agent {
            command = command == null ? List.of() : List.copyOf(command);
            if (stallRestarts < 0) {
                throw new IllegalArgumentException(
                        "bosun.agent.stall-restarts must not be negative, got: " + stallRestarts);
            }
        }
    }

    /**
     * @param enabled      run the in-process workers (off for process tests that drive the engine)
     * @param pollInterval how often idle workers ask the engine for work
     * @param lockDuration external-task lock; extended every third of it while work runs, so a
     *                     crashed node's work is picked up again after at most this long
     */
    public record Worker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("300ms") Duration pollInterval,
            @DefaultValue("30s") Duration lockDuration) {}

    /**
     * The technical retry numbers, in one place: what Bosun's poll loops and calls do when
     * something fails that passes by itself (a database outage, a concurrent update, another git
     * command's lock file). Not the task's retries ({@code max-retries}): those are the process's.
     *
     * @param claimBackoffPolls    poll intervals task claiming waits after a round failed
     * @param fetchBackoffPolls    poll intervals a worker waits after fetching external tasks failed
     * @param deliveryBackoffPolls poll intervals message delivery waits after a round failed
     * @param reportAttempts       attempts to report a finished external task when a concurrent change
     *                             of the same instance makes the report fail (optimistic locking): a
     *                             lock extension in flight, the stall timer firing beside the turn
     * @param reportWait           the wait between those attempts
     * @param transientRetries     how often the engine hands out again a task whose work asked to be
     *                             tried later (a busy merge lock), each after the lock duration;
     *                             then it raises an incident
     * @param failedTurnWait       how long a member whose message turn failed (its agent would not
     *                             start...) waits before its next message turn
     * @param gitAttempts          attempts of a git command that met another git command's lock
     * @param gitWait              the wait before the second attempt; each further one waits this
     *                             much longer
     */
    public record Retry(
            @DefaultValue("10") int claimBackoffPolls,
            @DefaultValue("3") int fetchBackoffPolls,
            @DefaultValue("10") int deliveryBackoffPolls,
            @DefaultValue("10") int reportAttempts,
            @DefaultValue("100ms") Duration reportWait,
            @DefaultValue("5") int transientRetries,
            @DefaultValue("30s") Duration failedTurnWait,
            @DefaultValue("6") int gitAttempts,
            @DefaultValue("100ms") Duration gitWait) {

        public Retry {
            atLeast("bosun.retry.claim-backoff-polls", claimBackoffPolls, 1);
            atLeast("bosun.retry.fetch-backoff-polls", fetchBackoffPolls, 1);
            atLeast("bosun.retry.delivery-backoff-polls", deliveryBackoffPolls, 1);
            atLeast("bosun.retry.report-attempts", reportAttempts, 1);
            atLeast("bosun.retry.transient-retries", transientRetries, 0);
            atLeast("bosun.retry.git-attempts", gitAttempts, 1);
            requireNotNegative("bosun.retry.report-wait", reportWait);
            requireNotNegative("bosun.retry.failed-turn-wait", failedTurnWait);
            requireNotNegative("bosun.retry.git-wait", gitWait);
        }

        /** The defaults above, for code that runs outside Spring (the git client in tests and tools). */
        public static Retry defaults() {
            return new Binder().bindOrCreate("bosun.retry", Retry.class);
        }

        private static void atLeast(String name, int value, int minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ", got: " + value);
            }
        }

        private static void requireNotNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be a negative duration, got: " + value);
            }
        }
    }

    /**
     * @param rotateAtBytes once the file holds this many bytes it is renamed with a timestamp and
     *                      the next event starts a new one; 0 or less turns rotation off
     */
    public record Events(@DefaultValue("10485760") long rotateAtBytes) {}

    /** @param enabled create the sample repository if it is missing and start the demo tasks on an empty database */
    public record Demo(@DefaultValue("false") boolean enabled) {}

    /**
     * @param approval   a plan waits for a human's "Approve plan" before its tasks start, unless its
     *                   request says otherwise ({@code plan_approval} in team.yaml)
     * @param maxFixes   times a refused plan goes back to the architect before a human is asked
     * @param maxReplans replanning turns after failed tasks before a human is asked ({@code max_replans})
     */
    public record Plan(
            @DefaultValue("false") boolean approval,
            @DefaultValue("2") int maxFixes,
            @DefaultValue("2") int maxReplans) {
        public Plan {
            if (maxFixes < 0) {
                throw new IllegalArgumentException("bosun.plan.max-fixes must not be negative, got: " + maxFixes);
            }
            if (maxReplans < 0) {
                throw new IllegalArgumentException("bosun.plan.max-replans must not be negative, got: " + maxReplans);
            }
        }
    }

    /**
     * @param rotateAtBytes once a terminal log ({@code <member>.log}) or test-run log
     *                      ({@code <member>-tests.log}) holds this many bytes it is renamed with a
     *                      timestamp and the next output starts a new one, also in the middle of a
     *                      turn; 0 turns rotation off
     */
    public record Logs(@DefaultValue("10485760") long rotateAtBytes) {
        public Logs {
            if (rotateAtBytes < 0) {
                throw new IllegalArgumentException(
                        "bosun.logs.rotate-at-bytes must not be negative (0 turns rotation off), got: "
                                + rotateAtBytes);
            }
        }
    }

    /**
     * @param turnGrace how long a stop lets the work under way (agent turns, test runs, merges)
     *                  finish before it interrupts what is left: fetching stops at once, what
     *                  finishes in time is recorded and does not run again after the restart. The
     *                  default, 60 s, lets most turns and test runs that are near their end finish,
     *                  and keeps the whole stop (grace, then killing and closing) inside the 90 s a
     *                  service manager such as systemd waits before it SIGKILLs; a turn cut short
     *                  continues its conversation after the restart where the CLI can resume. 0
     *                  interrupts at once.
     */
    public record Stop(@DefaultValue("60s") Duration turnGrace) {
        public Stop {
            if (turnGrace == null || turnGrace.isNegative()) {
                throw new IllegalArgumentException(
                        "bosun.stop.turn-grace must not be a negative duration (0 interrupts at once), got: "
                                + turnGrace);
            }
        }
    }

    public BosunProperties {
        if (testCommand == null || testCommand.isEmpty() || testCommand.get(0).isBlank()) {
            throw new IllegalArgumentException(
                    "bosun.test-command must name a command (an argv list), got: " + testCommand);
        }
        if (engineers < 1) {
            throw new IllegalArgumentException("bosun.engineers must be at least 1, got: " + engineers);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("bosun.max-retries must not be negative, got: " + maxRetries);
        }
        requirePositive("bosun.test-timeout", testTimeout);
        requirePositive("bosun.turn-timeout", turnTimeout);
        requirePositive("bosun.merge-lock-timeout", mergeLockTimeout);
        requirePositive("bosun.stall-timeout", stallTimeout);
        testCommand = List.copyOf(testCommand);
        protectedPaths = protectedPaths == null ? List.of() : List.copyOf(protectedPaths);
        repository = repository.toAbsolutePath().normalize();
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got: " + value);
        }
    }

    public Path bosunDir() {
        return repository.resolve(".bosun");
    }

    /** The team file; when it exists it defines the members and overrides the team-wide settings. */
    public Path teamFile() {
        return bosunDir().resolve("team.yaml");
    }

    public Path logsDir() {
        return bosunDir().resolve("logs");
    }

    /** A member's terminal log: every turn's raw PTY output, appended ({@code bosun logs} reads it). */
    public Path terminalLog(String member) {
        return logsDir().resolve(member + ".log");
    }

    public Path worktreesDir() {
        return bosunDir().resolve("worktrees");
    }
}
