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
 * <p>Declared in lifecycle order, the order {@code /api/status} lists its groups in.
 */
public enum TaskStatus {
    TODO("todo"),
    IN_PROGRESS("in-progress"),
    TESTING("testing"),
    MERGING("merging"),
    ESCALATED("escalated"),
    MERGED("merged"),
    ABANDONED("abandoned");

    private final String wireName;

    TaskStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code status} process variable, and how JSON and the board spell it. */
    public String wireName() {
        return wireName;
    }

    /** Merged or abandoned: nothing more happens to the task. */
    public boolean finished() {
        return this == MERGED || this == ABANDONED;
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

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(TaskStatus::wireName).toList();
    }
}
