package dev.bosun.process;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a task stands in its lifecycle. The execution listeners of processes/task-lifecycle.bpmn
 * set the {@code status} variable to a {@link #wireName()}, which is also what the API, the CLI
 * and the board show; {@code ProcessFilesVocabularyTest} fails the build on a status in a process
 * file that is not listed here.
 *
 * <p>It lives with the lifecycle it describes, next to {@link TaskPriority}: the board and the API
 * already depend on this area, and the process glue must not depend on the board.
 *
 * <p>Three statuses are never set by the process: {@link #BLOCKED}, {@link #INCIDENT} and
 * {@link #CANCELLED} are what the board's read model derives from the engine's state (a dependency
 * that can no longer be merged; a step that failed in Bosun's own code and waits for a retry; an
 * instance that ended without reaching an end event), so a Cockpit cancellation with
 * {@code skipCustomListeners} shows too. {@link #setByTheProcess()} is the rest.
 *
 * <p>Declared in lifecycle order, the order {@code /api/status} lists its groups in.
 */
public enum TaskStatus {
    TODO("todo"),
    /** Waiting for a dependency that was abandoned or cancelled: it will never be claimed. Derived. */
    BLOCKED("blocked", false),
    IN_PROGRESS("in-progress"),
    TESTING("testing"),
    MERGING("merging"),
    ESCALATED("escalated"),
    /**
     * A step failed in Bosun's own code or setup (an agent binary missing, a trunk that does not
     * exist): an open incident, with its message as the reason, until {@code bosun task retry}
     * after the cause is fixed. Derived.
     */
    INCIDENT("incident", false),
    MERGED("merged"),
    ABANDONED("abandoned"),
    /** Its process instance was cancelled (in Cockpit, by a plan); its branch is kept. Derived. */
    CANCELLED("cancelled", false);

    private final String wireName;
    private final boolean setByTheProcess;

    TaskStatus(String wireName) {
        this(wireName, true);
    }

    TaskStatus(String wireName, boolean setByTheProcess) {
        this.wireName = wireName;
        this.setByTheProcess = setByTheProcess;
    }

    /** The value of the {@code status} process variable, and how JSON and the board spell it. */
    public String wireName() {
        return wireName;
    }

    /** Merged, abandoned or cancelled: nothing more happens to the task, and it holds no engineer. */
    public boolean finished() {
        return this == MERGED || this == ABANDONED || this == CANCELLED;
    }

    /**
     * Whether a task in this status keeps its engineer from taking another: while it is worked on,
     * tested or merged, or stopped by an incident (its retry continues in the same worktree). An
     * escalated task holds nobody while a human decides, nor does one waiting to be taken up
     * again after the decision ({@link #TODO} with its previous engineer still named).
     */
    public boolean holdsItsEngineer() {
        return this == IN_PROGRESS || this == TESTING || this == MERGING || this == INCIDENT;
    }

    /** Abandoned or cancelled: a task depending on it can never be claimed, so it is {@link #BLOCKED}. */
    public boolean failed() {
        return this == ABANDONED || this == CANCELLED;
    }

    /** Whether {@code wireName} (may be null) spells this status exactly. */
    public boolean is(String wireName) {
        return this.wireName.equals(wireName);
    }

    /**
     * @throws IllegalArgumentException naming the value and the known ones, for anything that is not
     *                                  exactly a wire name (null included)
     */
    public static TaskStatus fromWireName(String wireName) {
        return find(wireName)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown task status '" + wireName + "'; known: " + String.join(", ", wireNames())));
    }

    /**
     * The status spelled {@code wireName}, or empty: a process file edited in a repository may set a
     * status Bosun does not know, and readers show such a task rather than fail.
     */
    public static Optional<TaskStatus> find(String wireName) {
        return Arrays.stream(values()).filter(s -> s.is(wireName)).findFirst();
    }

    /** The statuses the lifecycle's listeners set in the {@code status} variable, in declaration order. */
    public static List<TaskStatus> setByTheProcess() {
        return Arrays.stream(values()).filter(s -> s.setByTheProcess).toList();
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(TaskStatus::wireName).toList();
    }
}
