package dev.bosun.process;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides escalated tasks, the same as completing {@code UserTask_Escalation} in Tasklist.
 *
 * <p>Contract: thread-safe; throws {@link NoOpenEscalationException} when the task has no open
 * escalation (unknown, never escalated, or already decided), and never half-applies a decision.
 */
public interface Escalations {

    /**
     * What a human (or {@code bosun merge}) decides. The {@link #wireName()} is the value of the
     * {@code decision} variable that Gateway_EscalationDecision compares, and how the API spells it;
     * {@code ProcessFilesVocabularyTest} fails the build on a decision in a process file that is not
     * listed here.
     */
    enum Decision {
        RETRY,
        ABANDON,
        MERGE;

        /** The value of the {@code decision} process variable: the name in lower case. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException naming the value and the known ones, for anything that is
         *                                  not exactly a wire name (null included)
         */
        public static Decision fromWireName(String wireName) {
            return find(wireName)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown decision '" + wireName + "'; known: " + String.join(", ", wireNames())));
        }

        /** The decision spelled {@code wireName} (may be null), or empty. */
        public static Optional<Decision> find(String wireName) {
            return Arrays.stream(values())
                    .filter(d -> d.wireName().equals(wireName))
                    .findFirst();
        }

        /** Every wire name, in declaration order. */
        public static List<String> wireNames() {
            return Arrays.stream(values()).map(Decision::wireName).toList();
        }
    }

    /**
     * Who decides through Bosun's API, which the engine does not know: the CLI's person or the API
     * credential.
     *
     * @param name the person the CLI names (its OS user), or the credential ({@code api-token})
     * @param via  {@code cli} or {@code api}
     */
    record Decider(String name, String via) {

        /** The person's API token with no name given: the credential is all that is known. */
        public static final Decider API_TOKEN = new Decider("api-token", "api");

        public Decider {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(via, "via");
        }
    }

    /** Completes the open escalation, with no reason, as whoever the engine knows as logged in. */
    default void decide(String taskId, Decision decision, @Nullable String guidance) {
        decide(taskId, decision, guidance, null, null);
    }

    /**
     * Completes the open escalation. {@code guidance} and {@code reason} may be null (none); a null
     * {@code decider} leaves the engine's authenticated user (or {@code unknown}) as who decided.
     *
     * @throws NoOpenEscalationException when nothing waits for a decision
     * @throws TaskLifecycle.TaskRefusedException (kind CONFLICT, field {@code decision}) for
     *     {@link Decision#MERGE} when the task's branch has no commits ahead of trunk; the
     *     escalation then stays open, unchanged
     */
    void decide(
            String taskId,
            Decision decision,
            @Nullable String guidance,
            @Nullable String reason,
            @Nullable Decider decider);

    /** The task has no escalation waiting for a decision. */
    class NoOpenEscalationException extends RuntimeException {
        public NoOpenEscalationException(String taskId) {
            super("task '" + taskId + "' has no open escalation");
        }
    }
}
